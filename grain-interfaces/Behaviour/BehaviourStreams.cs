using Commerce.GrainInterfaces.Streams;

namespace Commerce.GrainInterfaces.Behaviour;

/// <summary>Where behaviour events flow: the durable stream (<c>behaviour</c>, user id), one per shopper, so each shopper's actions stay in order.</summary>
public static class BehaviourStreams
{
    /// <summary>The stream namespace; subscribe with <c>[ImplicitStreamSubscription(BehaviourStreams.Namespace)]</c> on a grain keyed by user id.</summary>
    public const string Namespace = "behaviour";

    /// <summary>The provider behaviour events go through: durable, since the log is the recommender's training data.</summary>
    public const string Provider = StreamProviderNames.Durable;

    public static StreamId For(string userId) => StreamId.Create(Namespace, userId);
}
