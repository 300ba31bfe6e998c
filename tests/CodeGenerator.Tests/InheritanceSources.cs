namespace Commerce.Runtime.CodeGenerator.Tests;

/// <summary>Grain interfaces that inherit grain interfaces, plain interfaces and a generic grain interface.</summary>
internal static class InheritanceSources
{
    /// <summary>Base interfaces: two grain interfaces, one extending the other, and a plain interface.</summary>
    public static readonly SourceFile Loyalty = new("Loyalty.cs", """
        using System;
        using System.Threading.Tasks;
        using Commerce.Runtime;

        namespace Shop.Loyalty
        {
            /// <summary>A plain interface: not a grain interface, so it has no table of its own.</summary>
            public interface INamed
            {
                Task<string> GetNameAsync();

                Task RenameAsync(string name, string? reason);
            }

            public interface IPointsGrain : IGrainWithStringKey
            {
                /// <summary>Static and sealed members are not grain calls and take no place in the table.</summary>
                static int Cap => 1000;

                Task AddAsync(int points);

                sealed Task<bool> HasAnyAsync() => Task.FromResult(true);

                Task AddAsync(int points, string reason);

                Task<int> GetBalanceAsync();

                [ReadOnly]
                ValueTask<string?> RedeemAsync(Guid? voucher, decimal amount);

                Task<int> ScoreAsync() => Task.FromResult(1);
            }

            public interface ITierGrain : IPointsGrain
            {
                Task<string> GetTierAsync();

                Task AddAsync(long points);
            }
        }
        """);

    /// <summary>The inheriting interface, compiled with <see cref="Loyalty"/> or against it.</summary>
    public static readonly SourceFile Vip = new("Vip.cs", """
        using System.Threading.Tasks;
        using Commerce.Runtime;
        using Shop.Loyalty;

        namespace Shop.Vip
        {
            public interface IVipGrain : ITierGrain, INamed
            {
                Task<string> GetTierAsync(int year);

                [OneWay]
                Task PingAsync();
            }
        }
        """);

    /// <summary>A grain interface closing a generic grain interface, which gets no proxy (CRG005) and so no table.</summary>
    public static readonly SourceFile GenericBase = new("Repository.cs", """
        using System.Threading.Tasks;
        using Commerce.Runtime;

        namespace Shop.Repository
        {
            public interface IRepositoryGrain<T> : IGrainWithStringKey
            {
                Task<T> GetAsync();

                Task PutAsync(T value);
            }

            public interface ICustomerRepositoryGrain : IRepositoryGrain<string?>
            {
                Task<int> CountAsync();
            }
        }
        """);
}
