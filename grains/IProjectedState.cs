namespace Commerce.Grains;

/// <summary>The persisted state of a grain that feeds a read model through <see cref="ReadModelProjection{TState}"/>.</summary>
internal interface IProjectedState
{
    /// <summary>
    /// True when a write of the grain's read-model row failed and no later write is known to have succeeded: the next
    /// activation writes the row again. Set (and stored) on the failure, cleared in memory on success and stored with
    /// the grain's next state write.
    /// </summary>
    bool ReadModelStale { get; set; }
}
