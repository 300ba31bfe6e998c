namespace Commerce.Runtime;

/// <summary>A client of the cluster: a grain factory plus the services of the process hosting it.</summary>
public interface IClusterClient : IGrainFactory
{
    IServiceProvider ServiceProvider { get; }
}
