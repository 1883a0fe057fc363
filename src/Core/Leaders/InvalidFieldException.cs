namespace Outreach.Core.Leaders;

/// <summary>
/// Input the domain refuses before writing anything (e.g. a decision reason longer than the history keeps). The HTTP
/// layer answers it with 400 naming <see cref="Field"/>.
/// </summary>
public sealed class InvalidFieldException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidFieldException()
        : this("input", "The input is not valid.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public InvalidFieldException(string message)
        : this("input", message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public InvalidFieldException(string message, Exception innerException)
        : base(message, innerException) => Field = "input";

    /// <summary>Creates the exception for <paramref name="field"/>.</summary>
    public InvalidFieldException(string field, string message)
        : base(message) => Field = field;

    /// <summary>The field at fault, as the request names it (e.g. <c>reason</c>).</summary>
    public string Field { get; }

    /// <summary>Throws when <paramref name="value"/> is empty or longer than <paramref name="maxLength"/> characters.</summary>
    public static void ThrowIfEmptyOrLongerThan(string? value, int maxLength, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidFieldException(field, $"{field} is required.");
        }

        if (value.Length > maxLength)
        {
            throw new InvalidFieldException(field, $"{field} is {value.Length} characters long; at most {maxLength} are kept.");
        }
    }
}
