using System.Diagnostics;

namespace Outreach.Bench;

/// <summary>A progress line: rewritten in place on a terminal, a new line every 2 s when the output is redirected.</summary>
internal sealed class ProgressLine
{
    private readonly Stopwatch since = Stopwatch.StartNew();
    private readonly TimeSpan every = Console.IsOutputRedirected ? TimeSpan.FromSeconds(2) : TimeSpan.FromMilliseconds(500);
    private bool written;
    private int width;

    public bool Due => !written || since.Elapsed >= every;

    public void Write(string line)
    {
        since.Restart();
        written = true;
        if (Console.IsOutputRedirected)
        {
            Console.WriteLine(line);
            return;
        }

        Console.Write("\r" + line.PadRight(width));
        width = line.Length;
    }

    public void End()
    {
        if (written && !Console.IsOutputRedirected)
        {
            Console.WriteLine();
        }
    }
}
