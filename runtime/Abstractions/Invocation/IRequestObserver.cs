namespace Commerce.Runtime;

/// <summary>Runtime hooks told when a request's response is settled (used for timeout tracking and one-way failures).</summary>
internal interface IRequestObserver
{
    void OnResponded(Request request);

    void OnOneWayFailed(Request request, Exception exception);
}
