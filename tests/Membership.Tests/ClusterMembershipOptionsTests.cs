using FluentAssertions;
using Microsoft.Extensions.Options;

namespace Commerce.Runtime.Membership.Tests;

public sealed class ClusterMembershipOptionsTests
{
    [Fact]
    public void The_defaults_declare_a_killed_silo_dead_in_every_view_within_ten_seconds()
    {
        var options = new ClusterMembershipOptions();

        // Worst case: the first missed probe starts a period after the kill, each miss takes the
        // longer of period and timeout, the vote lands, and the last view refreshes a period later.
        var worstCase = options.ProbePeriod
                        + Max(options.ProbePeriod, options.ProbeTimeout) * options.NumMissedProbesLimit
                        + options.TableRefreshPeriod;

        worstCase.Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(10));
        new ClusterMembershipOptionsValidator().Validate(null, options).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void The_defaults_are_those_documented()
    {
        var options = new ClusterMembershipOptions();

        options.Should().BeEquivalentTo(new
        {
            ProbePeriod = TimeSpan.FromSeconds(1),
            ProbeTimeout = TimeSpan.FromSeconds(1),
            NumMissedProbesLimit = 3,
            NumProbedSilos = 3,
            NumVotesForDeathDeclaration = 2,
            DeathVoteExpiration = TimeSpan.FromMinutes(3),
            IAmAlivePeriod = TimeSpan.FromSeconds(5),
            NumMissedIAmAliveLimit = 2,
            TableRefreshPeriod = TimeSpan.FromSeconds(1),
            JoinTimeout = TimeSpan.FromSeconds(60),
            DefunctSiloCleanupPeriod = TimeSpan.FromHours(1),
            DefunctSiloExpiration = TimeSpan.FromDays(7),
        });
    }

    [Theory]
    [InlineData(nameof(ClusterMembershipOptions.ProbePeriod))]
    [InlineData(nameof(ClusterMembershipOptions.ProbeTimeout))]
    [InlineData(nameof(ClusterMembershipOptions.TableRefreshPeriod))]
    [InlineData(nameof(ClusterMembershipOptions.JoinTimeout))]
    public void A_zero_duration_is_rejected(string option)
    {
        var options = new ClusterMembershipOptions();
        typeof(ClusterMembershipOptions).GetProperty(option)!.SetValue(options, TimeSpan.Zero);

        var result = new ClusterMembershipOptionsValidator().Validate(null, options);

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain(option);
    }

    [Fact]
    public void More_required_votes_than_probers_are_rejected()
    {
        var options = new ClusterMembershipOptions { NumProbedSilos = 2, NumVotesForDeathDeclaration = 3 };

        var result = new ClusterMembershipOptionsValidator().Validate(null, options);

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain(nameof(ClusterMembershipOptions.NumVotesForDeathDeclaration));
    }

    [Fact]
    public void Votes_that_expire_before_a_second_prober_could_vote_are_rejected()
    {
        var options = new ClusterMembershipOptions { DeathVoteExpiration = TimeSpan.FromSeconds(2) };

        var result = new ClusterMembershipOptionsValidator().Validate(null, options);

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain(nameof(ClusterMembershipOptions.DeathVoteExpiration));
    }

    [Fact]
    public void A_service_refuses_invalid_options()
    {
        var create = () => new MembershipService(new InMemoryMembershipTable(), new NoPeerSiloProber(),
            Options.Create(new ClusterMembershipOptions { NumMissedProbesLimit = 0 }));

        create.Should().Throw<OptionsValidationException>().WithMessage("*NumMissedProbesLimit*");
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
