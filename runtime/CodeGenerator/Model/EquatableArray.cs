using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace Commerce.Runtime.CodeGenerator.Model
{
    /// <summary>
    /// An immutable array compared by its elements, so that pipeline models holding lists stay equal
    /// across compilations and the incremental driver can reuse cached outputs.
    /// </summary>
    internal readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IEnumerable<T>
        where T : IEquatable<T>
    {
        private readonly T[]? _items;

        public EquatableArray(IEnumerable<T> items) => _items = items.ToArray();

        public int Count => _items?.Length ?? 0;

        public T this[int index] => _items![index];

        public bool Equals(EquatableArray<T> other)
        {
            var mine = _items ?? Array.Empty<T>();
            var theirs = other._items ?? Array.Empty<T>();
            if (mine.Length != theirs.Length) return false;
            for (var i = 0; i < mine.Length; i++)
            {
                if (!EqualityComparer<T>.Default.Equals(mine[i], theirs[i])) return false;
            }

            return true;
        }

        public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

        public override int GetHashCode()
        {
            var hash = 17;
            foreach (var item in _items ?? Array.Empty<T>())
            {
                hash = unchecked((hash * 31) + EqualityComparer<T>.Default.GetHashCode(item));
            }

            return hash;
        }

        public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(_items ?? Array.Empty<T>())).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
