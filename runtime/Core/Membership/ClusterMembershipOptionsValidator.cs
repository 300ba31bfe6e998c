using Microsoft.Extensions.Options;

namespace Commerce.Runtime.Membership;

/// <summary>Rejects <see cref="ClusterMembershipOptions"/> the protocol cannot work with.</summary>
public sealed class ClusterMembershipOptionsValidator : IValidateOptions<ClusterMembershipOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterMembershipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Positive(options.ProbePeriod, nameof(options.ProbePeriod));
        Positive(options.ProbeTimeout, nameof(options.ProbeTimeout));
        Positive(options.DeathVoteExpiration, nameof(options.DeathVoteExpiration));
        Positive(options.IAmAlivePeriod, nameof(options.IAmAlivePeriod));
        Positive(options.TableRefreshPeriod, nameof(options.TableRefreshPeriod));
        Positive(options.JoinTimeout, nameof(options.JoinTimeout));
        Positive(options.DefunctSiloCleanupPeriod, nameof(options.DefunctSiloCleanupPeriod));
        Positive(options.DefunctSiloExpiration, nameof(options.DefunctSiloExpiration));
        AtLeastOne(options.NumMissedProbesLimit, nameof(options.NumMissedProbesLimit));
        AtLeastOne(options.NumProbedSilos, nameof(options.NumProbedSilos));
        AtLeastOne(options.NumVotesForDeathDeclaration, nameof(options.NumVotesForDeathDeclaration));
        AtLeastOne(options.NumMissedIAmAliveLimit, nameof(options.NumMissedIAmAliveLimit));

        if (options.NumVotesForDeathDeclaration > options.NumProbedSilos)
        {
            failures.Add($"{nameof(options.NumVotesForDeathDeclaration)} ({options.NumVotesForDeathDeclaration}) must not exceed " +
                         $"{nameof(options.NumProbedSilos)} ({options.NumProbedSilos}): a silo would never gather enough votes.");
        }
        // Votes must outlive the time a second prober needs to notice, or they never add up.
        var detection = (options.ProbePeriod + options.ProbeTimeout) * options.NumMissedProbesLimit;
        if (options.NumMissedProbesLimit >= 1 && options.DeathVoteExpiration <= detection)
        {
            failures.Add($"{nameof(options.DeathVoteExpiration)} ({options.DeathVoteExpiration}) must be longer than " +
                         $"({nameof(options.ProbePeriod)} + {nameof(options.ProbeTimeout)}) x {nameof(options.NumMissedProbesLimit)} ({detection}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Positive(TimeSpan value, string option)
        {
            if (value <= TimeSpan.Zero) failures.Add($"{option} must be positive, not {value}.");
        }

        void AtLeastOne(int value, string option)
        {
            if (value < 1) failures.Add($"{option} must be at least 1, not {value}.");
        }
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> when <paramref name="options"/> are invalid.</summary>
    public static void ThrowIfInvalid(ClusterMembershipOptions options)
    {
        var result = new ClusterMembershipOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed) throw new OptionsValidationException(Options.DefaultName, typeof(ClusterMembershipOptions), result.Failures);
    }
}
