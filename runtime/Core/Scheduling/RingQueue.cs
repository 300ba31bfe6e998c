namespace Commerce.Runtime.Scheduling;

/// <summary>
/// A growable FIFO ring buffer held inline in its owner (a struct, so an activation pays no object
/// per queue). The array is allocated on first use. Not thread-safe: the owner locks.
/// </summary>
internal struct RingQueue<T>
{
    private const int InitialCapacity = 4;
    private T[]? _items;
    private int _head;

    public int Count { get; private set; }

    public void Enqueue(T item)
    {
        if (_items is null) _items = new T[InitialCapacity];
        else if (Count == _items.Length) Grow();
        _items[(_head + Count) & (_items.Length - 1)] = item;
        Count++;
    }

    public T Peek() => _items![_head];

    public T Dequeue()
    {
        var items = _items!;
        var item = items[_head];
        items[_head] = default!;
        _head = (_head + 1) & (items.Length - 1);
        Count--;
        return item;
    }

    /// <summary>Gives the buffer back when empty, for activations that go idle.</summary>
    public void TrimIfEmpty()
    {
        if (Count == 0)
        {
            _items = null;
            _head = 0;
        }
    }

    private void Grow()
    {
        var larger = new T[_items!.Length * 2];
        for (var i = 0; i < Count; i++) larger[i] = _items[(_head + i) & (_items.Length - 1)];
        _items = larger;
        _head = 0;
    }
}
