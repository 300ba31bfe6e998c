using System.Net;
using System.Net.Sockets;

namespace Commerce.Testing.Infrastructure;

/// <summary>
/// Loopback ports for processes a test starts. The operating system may hand the same ephemeral port
/// to two listeners opened one after the other once the first is closed (seen in CI: a silo got its
/// HTTP port equal to its silo port), so this never returns a port it returned before in this process.
/// </summary>
public static class FreePorts
{
    private static readonly HashSet<int> Given = [];

    /// <summary>A loopback port nothing listens on now and that no earlier call returned.</summary>
    public static int Take()
    {
        var held = new List<TcpListener>();
        try
        {
            while (true)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                held.Add(listener);
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                lock (Given)
                {
                    if (Given.Add(port)) return port;
                }
            }
        }
        finally
        {
            foreach (var listener in held) listener.Stop();
        }
    }
}
