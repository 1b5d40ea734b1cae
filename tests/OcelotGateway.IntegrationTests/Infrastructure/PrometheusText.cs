using System.Globalization;
using System.Text;

namespace OcelotGateway.IntegrationTests.Infrastructure;

/// <summary>
/// A small parser of Prometheus' text exposition format (what <c>/metrics</c> serves): one sample per line,
/// <c>name{label="value",...} number</c>; comments and blank lines are skipped, label values unescaped.
/// </summary>
public sealed class PrometheusText
{
    private readonly List<PrometheusSample> _samples;

    private PrometheusText(List<PrometheusSample> samples)
    {
        _samples = samples;
    }

    public IReadOnlyList<PrometheusSample> Samples => _samples;

    public static PrometheusText Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            samples.Add(ParseLine(line));
        }

        return new PrometheusText(samples);
    }

    /// <summary>The value of the one sample with this name whose labels include all of <paramref name="labels"/>; null when none.</summary>
    public double? Value(string name, params (string Label, string Value)[] labels)
    {
        var matches = Find(name, labels).ToList();
        Assert.True(matches.Count <= 1, $"{matches.Count} samples of {name} match; add labels to pick one.");
        return matches.Count == 1 ? matches[0].Value : null;
    }

    /// <summary>Like <see cref="Value"/> but a missing sample counts as 0 (counters not yet touched).</summary>
    public double ValueOrZero(string name, params (string Label, string Value)[] labels) => Value(name, labels) ?? 0;

    public IEnumerable<PrometheusSample> Find(string name, params (string Label, string Value)[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value));

    private static PrometheusSample ParseLine(string line)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        while (i < line.Length && line[i] != '{' && line[i] != ' ')
        {
            i++;
        }

        var name = line[..i];
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (line[i] != '}')
            {
                var equals = line.IndexOf('=', i);
                var label = line[i..equals].Trim();
                i = equals + 2; // skip ="
                var value = new StringBuilder();
                while (line[i] != '"')
                {
                    if (line[i] == '\\')
                    {
                        i++;
                        value.Append(line[i] switch { 'n' => '\n', var c => c });
                    }
                    else
                    {
                        value.Append(line[i]);
                    }

                    i++;
                }

                labels[label] = value.ToString();
                i++; // closing quote
                if (line[i] == ',')
                {
                    i++;
                }
            }

            i++; // closing brace
        }

        var rest = line[i..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var number = rest[0] switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            var text => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return new PrometheusSample(name, labels, number);
    }
}
