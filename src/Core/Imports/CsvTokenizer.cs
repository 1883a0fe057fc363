using System.Text;

namespace Outreach.Core.Imports;

/// <summary>Splits decoded CSV text into records with their starting lines; knows nothing about headers.</summary>
internal static class CsvTokenizer
{
    internal sealed record RawRecord(int Line, List<string> Fields, string? Problem);

    public static List<RawRecord> Tokenize(string text, char delimiter, List<int> invalidPositions)
    {
        var records = new List<RawRecord>();
        var field = new StringBuilder();
        var position = 0;
        var line = 1;
        while (position < text.Length)
        {
            var startLine = line;
            var startPosition = position;
            var fields = new List<string>();
            string? problem = null;
            var firstFieldQuoted = false;
            var recordEnded = false;
            while (!recordEnded)
            {
                if (position < text.Length && text[position] == '"')
                {
                    firstFieldQuoted |= fields.Count == 0;
                    var quoteLine = line;
                    position++;
                    field.Clear();
                    var closed = false;
                    while (position < text.Length)
                    {
                        var c = text[position];
                        if (c == '"')
                        {
                            if (position + 1 < text.Length && text[position + 1] == '"')
                            {
                                field.Append('"');
                                position += 2;
                                continue;
                            }

                            position++;
                            closed = true;
                            break;
                        }

                        if (IsLineBreakAt(text, position))
                        {
                            line++;
                        }

                        field.Append(c);
                        position++;
                    }

                    fields.Add(field.ToString());
                    if (!closed)
                    {
                        problem ??= $"The quoted field that opens on line {quoteLine} is never closed.";
                        recordEnded = true;
                    }
                    else if (position >= text.Length)
                    {
                        recordEnded = true;
                    }
                    else if (text[position] == delimiter)
                    {
                        position++;
                    }
                    else if (text[position] is '\r' or '\n')
                    {
                        position = SkipLineBreak(text, position);
                        line++;
                        recordEnded = true;
                    }
                    else
                    {
                        problem ??= $"Unexpected text after a closing quote on line {line}; a quote inside a quoted field must be doubled.";
                        while (position < text.Length && text[position] is not ('\r' or '\n'))
                        {
                            position++;
                        }
                    }
                }
                else
                {
                    var start = position;
                    while (position < text.Length && text[position] != delimiter && text[position] is not ('\r' or '\n'))
                    {
                        if (text[position] == '"')
                        {
                            problem ??= $"A quote inside an unquoted field on line {line}; enclose the field in quotes and double the quote.";
                        }

                        position++;
                    }

                    fields.Add(text[start..position]);
                    if (position >= text.Length)
                    {
                        recordEnded = true;
                    }
                    else if (text[position] == delimiter)
                    {
                        position++;
                        if (position >= text.Length)
                        {
                            fields.Add("");
                            recordEnded = true;
                        }
                    }
                    else
                    {
                        position = SkipLineBreak(text, position);
                        line++;
                        recordEnded = true;
                    }
                }
            }

            if (fields.Count == 1 && !firstFieldQuoted && string.IsNullOrWhiteSpace(fields[0]) && problem is null)
            {
                continue;
            }

            if (problem is null && ContainsInvalidPosition(invalidPositions, startPosition, position))
            {
                problem = "The record contains bytes that are not valid UTF-8; save the file as UTF-8 (in Excel: 'CSV UTF-8').";
            }

            records.Add(new RawRecord(startLine, fields, problem));
        }

        return records;
    }

    // A CR on its own also ends a line (old Mac files); a CR directly before an LF is counted with the LF.
    private static bool IsLineBreakAt(string text, int position) =>
        text[position] == '\n' || (text[position] == '\r' && (position + 1 >= text.Length || text[position + 1] != '\n'));

    private static int SkipLineBreak(string text, int position) =>
        text[position] == '\r' && position + 1 < text.Length && text[position + 1] == '\n' ? position + 2 : position + 1;

    private static bool ContainsInvalidPosition(List<int> invalidPositions, int start, int end)
    {
        if (invalidPositions.Count == 0)
        {
            return false;
        }

        var index = invalidPositions.BinarySearch(start);
        if (index < 0)
        {
            index = ~index;
        }

        return index < invalidPositions.Count && invalidPositions[index] < end;
    }
}
