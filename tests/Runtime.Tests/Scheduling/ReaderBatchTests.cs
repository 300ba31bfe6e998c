using Commerce.Runtime.Scheduling;
using FluentAssertions;
using Xunit;

namespace Commerce.Runtime.Tests.Scheduling;

public sealed class ReaderBatchTests
{
    [Fact]
    public void Outside_a_batch_a_turn_is_left_to_the_thread_pool()
    {
        var work = new CountingWork();

        ReaderBatch.TryRunInline(work).Should().BeFalse();

        work.Runs.Should().Be(0);
    }

    [Fact]
    public void Inside_a_batch_a_turn_runs_at_once_on_the_reader_thread()
    {
        var batch = new ReaderBatch(runTurns: true);
        var work = new CountingWork();

        batch.Begin();
        var ran = ReaderBatch.TryRunInline(work);
        batch.End();

        ran.Should().BeTrue();
        work.Runs.Should().Be(1);
        work.Thread.Should().Be(Environment.CurrentManagedThreadId);
        ReaderBatch.TryRunInline(work).Should().BeFalse("the batch ended");
    }

    [Fact]
    public void A_turn_started_inside_a_running_turn_is_not_nested()
    {
        var batch = new ReaderBatch(runTurns: true);
        var work = new CountingWork();
        var grain = new FakeGrainContext();

        batch.Begin();
        RuntimeContext.Current = grain;
        try
        {
            ReaderBatch.TryRunInline(work).Should().BeFalse();
        }
        finally
        {
            RuntimeContext.Current = null;
            batch.End();
        }

        work.Runs.Should().Be(0);
    }

    [Fact]
    public void A_batch_runs_at_most_its_budget_of_turns_inline()
    {
        var batch = new ReaderBatch(runTurns: true);
        var work = new CountingWork();

        batch.Begin();
        var inline = Enumerable.Range(0, ReaderBatch.MaxInlineTurns + 10).Count(_ => ReaderBatch.TryRunInline(work));
        batch.End();

        inline.Should().BeLessThanOrEqualTo(ReaderBatch.MaxInlineTurns).And.BeGreaterThan(0);
        work.Runs.Should().Be(inline);
    }

    [Fact]
    public void With_turns_on_the_reader_switched_off_only_writes_are_deferred()
    {
        var batch = new ReaderBatch(runTurns: false);
        var work = new CountingWork();
        var flush = new CountingFlush();

        batch.Begin();
        ReaderBatch.TryRunInline(work).Should().BeFalse();
        ReaderBatch.TryDefer(flush).Should().BeTrue();
        flush.Flushes.Should().Be(0);
        batch.End();

        work.Runs.Should().Be(0);
        flush.Flushes.Should().Be(1);
    }

    [Fact]
    public void Async_locals_set_by_an_inline_turn_do_not_leak_into_the_reader()
    {
        var local = new AsyncLocal<string?>();
        var batch = new ReaderBatch(runTurns: true);

        batch.Begin();
        ReaderBatch.TryRunInline(new SettingWork(() => local.Value = "grain code"));
        var seen = local.Value;
        batch.End();

        seen.Should().BeNull();
    }

    [Fact]
    public void Deferred_writes_run_at_the_end_of_the_batch_and_at_each_flush_in_between()
    {
        var batch = new ReaderBatch(runTurns: true);
        var first = new CountingFlush();
        var second = new CountingFlush();

        ReaderBatch.TryDefer(first).Should().BeFalse("no batch is running");
        batch.Begin();
        ReaderBatch.TryDefer(first).Should().BeTrue();
        batch.Flush();
        first.Flushes.Should().Be(1);
        ReaderBatch.TryDefer(second).Should().BeTrue();
        second.Flushes.Should().Be(0);
        batch.End();

        first.Flushes.Should().Be(1, "a flush runs once per deferral");
        second.Flushes.Should().Be(1);
    }

    private sealed class CountingWork : IThreadPoolWorkItem
    {
        public int Runs { get; private set; }

        public int Thread { get; private set; }

        public void Execute()
        {
            Runs++;
            Thread = Environment.CurrentManagedThreadId;
        }
    }

    private sealed class SettingWork(Action action) : IThreadPoolWorkItem
    {
        public void Execute() => action();
    }

    private sealed class CountingFlush : IDeferredFlush
    {
        public int Flushes { get; private set; }

        public void Flush() => Flushes++;
    }

    private sealed class FakeGrainContext : IGrainContext
    {
        public GrainId GrainId => GrainId.Create(new GrainType("fake"), "1");

        public object? GrainInstance => null;

        public IGrainFactory GrainFactory => throw new NotSupportedException();

        public IServiceProvider ActivationServices => throw new NotSupportedException();

        public void DelayDeactivation(TimeSpan duration) => throw new NotSupportedException();

        public void Deactivate(DeactivationReason reason) => throw new NotSupportedException();

        public IGrainTimer RegisterTimer(Func<object?, CancellationToken, Task> callback, object? state, GrainTimerCreationOptions options) => throw new NotSupportedException();

        public IPersistentState<TState> GetPersistentState<TState>(string stateName, string? storageName) => throw new NotSupportedException();

        public object GetRequiredService(Type serviceType) => throw new NotSupportedException();
    }
}
