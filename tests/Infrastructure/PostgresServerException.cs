namespace Commerce.Testing.Infrastructure;

/// <summary>A throwaway PostgreSQL server could not be found, started or stopped.</summary>
public sealed class PostgresServerException : Exception
{
    public PostgresServerException(string message)
        : base(message)
    {
    }

    public PostgresServerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
