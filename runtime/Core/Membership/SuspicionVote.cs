namespace Commerce.Runtime.Membership;

/// <summary>One silo's vote that another is dead, kept in the suspect's membership row.</summary>
/// <param name="Voter">The silo that could not reach the suspect.</param>
/// <param name="Time">When it voted; the vote stops counting <see cref="ClusterMembershipOptions.DeathVoteExpiration"/> later.</param>
public sealed record SuspicionVote(SiloAddress Voter, DateTimeOffset Time);
