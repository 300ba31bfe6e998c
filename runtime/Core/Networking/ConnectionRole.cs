namespace Commerce.Runtime.Networking;

/// <summary>What the process at the other end of a connection is.</summary>
public enum ConnectionRole : byte
{
    /// <summary>A silo: identified by its <see cref="Membership.SiloAddress"/>.</summary>
    Silo = 1,

    /// <summary>A cluster client (e.g. the HTTP API): identified by a client id; it only initiates.</summary>
    Client = 2,
}
