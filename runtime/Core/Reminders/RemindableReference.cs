using System.CodeDom.Compiler;
using System.ComponentModel;

namespace Commerce.Runtime.Reminders;

/// <summary>
/// The proxy of <see cref="IRemindable"/>, written by hand because the abstractions assembly that
/// declares the interface has no source generator; it is what the generator would emit. The
/// reminder service registers it with the grain type registry, so
/// <c>GetGrain&lt;IRemindable&gt;(grainId)</c> reaches any remindable grain by its id. Generated
/// proxies of grain interfaces that extend IRemindable send the same request (IRemindable, method 0),
/// so a tick arriving from another silo is understood whichever proxy sent it.
/// </summary>
[GeneratedCode("Commerce.Runtime.CodeGenerator", "1.0")]
[EditorBrowsable(EditorBrowsableState.Never)]
internal sealed class RemindableReference(IGrainReferenceRuntime runtime, GrainId grainId) : GrainReference(runtime, grainId), IRemindable
{
    public static GrainReference Create(IGrainReferenceRuntime runtime, GrainId grainId) => new RemindableReference(runtime, grainId);

    /// <summary>A factory for each method's request, indexed by method id.</summary>
    public static Func<Request>[] CreateRequestFactories() => [static () => new ReceiveReminderRequest()];

    Task IRemindable.ReceiveReminder(string reminderName, TickStatus status) =>
        InvokeAsync(new ReceiveReminderRequest { Arg0 = reminderName, Arg1 = status });
}
