using Commerce.Runtime;
using Commerce.Runtime.Postgres.Streams;
using Commerce.Streams.TestGrains;
using Commerce.Testing.Infrastructure;
using FluentAssertions;
using Xunit.Abstractions;

namespace Commerce.Streams.ClusterTests;

/// <summary>Durable streams across real silo processes: what a crash of a pulling agent's silo may and may not do.</summary>
[Collection(PostgresFixture.Collection)]
public sealed class DurableStreamClusterTests(PostgresFixture postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task Killing_the_silo_of_a_partition_agent_loses_no_event_and_keeps_each_stream_in_order()
    {
        await using var cluster = await StreamCluster.StartAsync(postgres, silos: 3);
        var accounts = Enumerable.Range(0, 24).Select(i => $"acct-{i}").ToArray();
        const int entriesPerAccount = 60;
        var victim = await Eventually(() => cluster.Silos.OrderByDescending(s => StreamCluster.AgentPartitionsOf(s).Count).First(),
            silo => StreamCluster.AgentPartitionsOf(silo).Count > 0);
        var victimPartitions = StreamCluster.AgentPartitionsOf(victim);
        var producerRetries = 0;

        // Each account's entries are produced in order from the client, through the silos' gateways;
        // an entry whose call failed is produced again (the producer cannot know whether it was
        // committed, so the log may hold it twice).
        var produced = Task.WhenAll(accounts.Select(async account =>
        {
            var stream = cluster.Client.ServiceProvider.GetStreamProvider(StreamProviderNames.Durable).GetStream<LedgerEntry>(StreamId.Create(LedgerEntry.Namespace, account));
            for (var n = 0; n < entriesPerAccount; n++)
            {
                while (true)
                {
                    try
                    {
                        await stream.OnNextAsync(new LedgerEntry(account, n));
                        break;
                    }
                    catch (Exception exception) when (exception is SiloUnavailableException or TimeoutException)
                    {
                        Interlocked.Increment(ref producerRetries);
                        await Task.Delay(50);
                    }
                }

                await Task.Delay(10);
            }
        }));
        await Task.Delay(TimeSpan.FromMilliseconds(400));
        output.WriteLine($"kill -9 {victim.Name}, which runs the agents of partitions [{string.Join(",", victimPartitions.Order())}]");
        victim.Kill();
        await produced;

        var duplicates = 0;
        foreach (var account in accounts)
        {
            var received = await Eventually(
                () => GetReceivedAsync(cluster, account),
                r => r.Distinct().Count() >= entriesPerAccount,
                TimeSpan.FromSeconds(60));
            received.Distinct().Should().Equal(Enumerable.Range(0, entriesPerAccount), "{0} receives every entry, first occurrences in order", account);
            duplicates += received.Count - entriesPerAccount;
        }

        output.WriteLine($"{accounts.Length * entriesPerAccount} entries delivered; {duplicates} duplicate deliveries; {producerRetries} producer retries");
        var survivors = cluster.Silos.Where(s => s != victim).ToArray();
        var owned = await Eventually(() => survivors.SelectMany(StreamCluster.AgentPartitionsOf).Order().ToArray(), p => p.Length == 8);
        owned.Should().Equal(Enumerable.Range(0, 8), "the survivors took over the lost silo's partitions");
    }

    [Fact]
    public async Task A_poison_event_is_dead_lettered_without_stalling_its_stream_and_implicit_subscription_activates_the_consumer()
    {
        await using var cluster = await StreamCluster.StartAsync(postgres, silos: 2);
        var stream = cluster.Client.ServiceProvider.GetStreamProvider(StreamProviderNames.Durable).GetStream<LedgerEntry>(StreamId.Create(LedgerEntry.Namespace, "poisoned"));

        await stream.OnNextAsync(new LedgerEntry("poisoned", 0));
        await stream.OnNextAsync(new LedgerEntry("poisoned", 1, Poison: true));
        await stream.OnNextAsync(new LedgerEntry("poisoned", 2));

        var received = await Eventually(() => GetReceivedAsync(cluster, "poisoned"), r => r.Count >= 2);
        received.Should().Equal(0, 2);
        var log = new PostgresStreamLog(cluster.DataSource);
        await using (log)
        {
            var deadLetters = await Eventually(() => log.ReadDeadLettersAsync($"provider:{StreamProviderNames.Durable}", default, 10), d => d.Count > 0);
            deadLetters.Should().ContainSingle().Which.Should().Match<StreamDeadLetter>(d =>
                d.Event.Stream == stream.StreamId && d.Attempts == 3 && d.Error.Contains("Poison entry 1 of poisoned"));
        }
    }

    private static async Task<List<int>> GetReceivedAsync(StreamCluster cluster, string account)
    {
        try
        {
            return await cluster.Client.GetGrain<ILedgerGrain>(account).GetReceivedAsync();
        }
        catch (Exception exception) when (exception is SiloUnavailableException or TimeoutException)
        {
            return [];
        }
    }

    private static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline) return value;
            await Task.Delay(50);
        }
    }

    private static Task<T> Eventually<T>(Func<T> read, Func<T, bool> done, TimeSpan? timeout = null) =>
        Eventually(() => Task.FromResult(read()), done, timeout);
}
