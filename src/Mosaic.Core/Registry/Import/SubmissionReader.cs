namespace Mosaic.Core.Registry.Import;

/// <summary>
/// Joins the household stream with the member stream by link (<c>_index</c> ↔ <c>_parent_index</c>, <c>KEY</c> ↔
/// <c>PARENT_KEY</c>). In <see cref="JoinMode.Merge"/> mode the member rows of each household are expected right
/// where the previous household's end (how Kobo and ODK export them); a member never consumed means that
/// assumption failed, which <see cref="HasUnmatchedMembers"/> tells the caller so it can rerun in
/// <see cref="JoinMode.Buffered"/> mode. Every member consumed in merge mode was matched by equal keys, so a
/// merge run that ends with no unmatched member is exactly the buffered result.
/// </summary>
internal sealed class SubmissionReader
{
    private readonly IRowReader _households;
    private readonly IRowReader _members;
    private readonly int _link;
    private readonly int _parent;
    private readonly Submission _current;
    private readonly List<SourceRow> _pool = [];
    private readonly Dictionary<string, List<SourceRow>>? _byParent;
    private readonly List<SourceRow> _unlinked = [];
    private SourceRow _head;
    private bool _hasHead;

    /// <param name="link">Column of the household row's link key.</param>
    /// <param name="parent">Column of the member row's parent key.</param>
    public SubmissionReader(IRowReader households, IRowReader members, int link, int parent, JoinMode mode)
    {
        _households = households;
        _members = members;
        _link = link;
        _parent = parent;
        Mode = mode;
        _current = new Submission(new SourceRow(households.Table));
        _head = new SourceRow(members.Table);
        if (mode == JoinMode.Merge)
        {
            _hasHead = members.Read(_head);
        }
        else
        {
            _byParent = new Dictionary<string, List<SourceRow>>(StringComparer.Ordinal);
            while (members.Read(_head))
            {
                MemberRowsRead++;
                var key = _head.Values[parent];
                if (key is null)
                {
                    _unlinked.Add(_head);
                }
                else
                {
                    if (!_byParent.TryGetValue(key, out var list))
                        _byParent.Add(key, list = []);
                    list.Add(_head);
                }
                _head = new SourceRow(members.Table);
            }
        }
    }

    public JoinMode Mode { get; }

    public long HouseholdRowsRead { get; private set; }

    public long MemberRowsRead { get; private set; }

    /// <summary>After the last household (merge mode): whether member rows were left that matched no household in order.</summary>
    public bool HasUnmatchedMembers => _hasHead;

    /// <summary>Reads the next household with its members.</summary>
    public bool Read(out Submission submission)
    {
        submission = _current;
        if (!_households.Read(_current.Household))
            return false;
        HouseholdRowsRead++;
        var key = _current.Household.Values[_link];
        if (_byParent is not null)
        {
            if (key is not null && _byParent.Remove(key, out var rows))
            {
                _current.MemberRows = rows;
                _current.MemberCount = rows.Count;
            }
            else
            {
                _current.MemberCount = 0;
            }
            return true;
        }

        _current.MemberRows = _pool;
        var count = 0;
        while (_hasHead && key is not null && string.Equals(_head.Values[_parent], key, StringComparison.Ordinal))
        {
            // Swap the read-ahead row into the pool instead of copying its values.
            if (count == _pool.Count)
                _pool.Add(new SourceRow(_members.Table));
            (_pool[count], _head) = (_head, _pool[count]);
            count++;
            MemberRowsRead++;
            _hasHead = _members.Read(_head);
        }
        _current.MemberCount = count;
        return true;
    }

    /// <summary>Buffered mode, after the last household: member rows whose parent matched no household.</summary>
    public IEnumerable<SourceRow> UnmatchedMembers()
    {
        foreach (var row in _unlinked)
            yield return row;
        if (_byParent is null)
            yield break;
        foreach (var list in _byParent.Values)
        {
            foreach (var row in list)
                yield return row;
        }
    }
}
