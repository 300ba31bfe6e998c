using System.CodeDom.Compiler;
using System.ComponentModel;
using Commerce.Runtime.Serialization;

namespace Commerce.Runtime.Streams;

/// <summary>The arguments of both <see cref="IStreamConsumer"/> methods, written field by field in the compact binary form.</summary>
[GeneratedCode("Commerce.Runtime.CodeGenerator", "1.0")]
[EditorBrowsable(EditorBrowsableState.Never)]
internal abstract class StreamEventRequest : Request<VoidResult>
{
    public StreamDelivery Delivery = default!;

    public override Type InterfaceType => typeof(IStreamConsumer);

    public override int ArgumentCount => 1;

    public override object? GetArgument(int index) => index == 0 ? Delivery : throw new ArgumentOutOfRangeException(nameof(index));

    public override void SetArgument(int index, object? value)
    {
        if (index != 0) throw new ArgumentOutOfRangeException(nameof(index));
        Delivery = (StreamDelivery)value!;
    }

    public override void WriteArguments(IArgumentWriter writer)
    {
        writer.Write(Delivery.Provider);
        writer.Write(Delivery.Stream.Namespace);
        writer.Write(Delivery.Stream.Key);
        writer.Write(Delivery.HandleId);
        writer.Write(Delivery.EventType);
        writer.Write(Delivery.Payload);
        writer.Write(Delivery.Token?.Partition ?? -1);
        writer.Write(Delivery.Token?.SequenceNumber ?? -1L);
    }

    public override void ReadArguments(IArgumentReader reader)
    {
        var provider = reader.Read<string>();
        var stream = StreamId.Create(reader.Read<string>(), reader.Read<string>());
        var handle = reader.Read<Guid>();
        var eventType = reader.Read<string>();
        var payload = reader.Read<byte[]>();
        var partition = reader.Read<int>();
        var sequence = reader.Read<long>();
        Delivery = new StreamDelivery(provider, stream, handle, eventType, payload, partition < 0 ? null : new StreamSequenceToken(partition, sequence));
    }

    protected override ValueTask<VoidResult> InvokeInner(object grain) =>
        VoidResult.From(StreamConsumerRuntime.DeliverToGrainAsync(grain, Delivery));
}

/// <summary>The request of <see cref="IStreamConsumer.DeliverAsync"/>: method 0.</summary>
internal sealed class DeliverStreamEventRequest : StreamEventRequest
{
    public override string MethodName => nameof(IStreamConsumer.DeliverAsync);

    public override int MethodId => 0;
}

/// <summary>The request of <see cref="IStreamConsumer.Notify"/>: method 1, one-way.</summary>
internal sealed class NotifyStreamEventRequest : StreamEventRequest
{
    public override string MethodName => nameof(IStreamConsumer.Notify);

    public override int MethodId => 1;

    public override RequestOptions Options => RequestOptions.OneWay;
}
