using System.Text;

namespace Commerce.Bench;

/// <summary>Markdown collected during a run and printed at the end, ready for RESULTS.md.</summary>
internal sealed class Report
{
    private readonly StringBuilder _text = new();

    public void Section(string title) => _text.AppendLine().AppendLine($"#### {title}").AppendLine();

    public void Line(string line) => _text.AppendLine(line);

    public override string ToString() => _text.ToString();
}
