using System.CodeDom.Compiler;
using System.ComponentModel;
using Commerce.Runtime.Serialization;

namespace Commerce.Runtime.Reminders;

/// <summary>The request of <see cref="IRemindable.ReceiveReminder"/>: method 0 of IRemindable's table.</summary>
[GeneratedCode("Commerce.Runtime.CodeGenerator", "1.0")]
[EditorBrowsable(EditorBrowsableState.Never)]
internal sealed class ReceiveReminderRequest : Request<VoidResult>
{
    public string Arg0 = default!;
    public TickStatus Arg1;

    public override string MethodName => nameof(IRemindable.ReceiveReminder);

    public override Type InterfaceType => typeof(IRemindable);

    public override int MethodId => 0;

    public override int ArgumentCount => 2;

    public override object? GetArgument(int index) => index switch
    {
        0 => Arg0,
        1 => Arg1,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public override void SetArgument(int index, object? value)
    {
        switch (index)
        {
            case 0: Arg0 = (string)value!; break;
            case 1: Arg1 = (TickStatus)value!; break;
            default: throw new ArgumentOutOfRangeException(nameof(index));
        }
    }

    public override void WriteArguments(IArgumentWriter writer)
    {
        writer.Write<string>(Arg0);
        writer.Write<TickStatus>(Arg1);
    }

    public override void ReadArguments(IArgumentReader reader)
    {
        Arg0 = reader.Read<string>();
        Arg1 = reader.Read<TickStatus>();
    }

    // A row whose grain class stopped implementing IRemindable (the code changed, the row stayed)
    // fails each tick with this message rather than an InvalidCastException.
    protected override ValueTask<VoidResult> InvokeInner(object grain) =>
        grain is IRemindable remindable
            ? VoidResult.From(remindable.ReceiveReminder(Arg0, Arg1))
            : throw new ReminderException(
                $"Grain class {grain.GetType().FullName} has a reminder '{Arg0}' but does not implement IRemindable; unregister the reminder or implement the interface.");
}
