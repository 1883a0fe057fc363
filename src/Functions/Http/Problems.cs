using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Outreach.Core.Leaders;

namespace Outreach.Functions.Http;

/// <summary>RFC 9457 problem details, the only shape in which the HTTP functions answer an error.</summary>
public static class Problems
{
    /// <summary>A problem with a status, a title and a detail.</summary>
    public static ProblemHttpResult Status(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    /// <summary>A problem (400 unless <paramref name="status"/> says otherwise) naming the field at fault, in the <c>errors</c> shape of ASP.NET Core's validation problems.</summary>
    public static ProblemHttpResult Field(string field, string title, string detail, int status = StatusCodes.Status400BadRequest) =>
        TypedResults.Problem(
            statusCode: status,
            title: title,
            detail: detail,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } });

    /// <summary>The 400 problem for input Core refused (<see cref="InvalidFieldException"/>), naming its field.</summary>
    public static ProblemHttpResult InvalidField(InvalidFieldException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Field(exception.Field, "Not a valid " + exception.Field, exception.Message);
    }
}
