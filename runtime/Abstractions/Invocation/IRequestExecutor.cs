namespace Commerce.Runtime;

/// <summary>The activation running a request; told once an asynchronously completing request has settled.</summary>
internal interface IRequestExecutor
{
    void OnExecuted(Request request);
}
