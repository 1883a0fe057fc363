using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Outreach.Functions.Tests.Campaigns;

/// <summary>Calls a staff function as one of the fixture's named staff members, the way the worker would.</summary>
internal static class StaffCalls
{
    /// <summary>sam.staff (role Staff).</summary>
    public const string Sam = FunctionsFixture.StaffMemberKey;

    /// <summary>anne.admin (roles Staff and Admin): the second pair of eyes.</summary>
    public const string Anne = FunctionsFixture.AdminMemberKey;

    public static Task<Answer> CallAsync<T>(
        IServiceProvider services, string apiKey, string method, string path, string? body, Func<T, HttpRequest, Task<IResult>> function, string contentType = "application/json") =>
        HttpCalls.CallAsync(
            HttpCalls.StaffRequest(services, method, path, body, contentType, apiKey),
            request => function(ActivatorUtilities.CreateInstance<T>(services), request));

    /// <summary>Like <see cref="CallAsync{T}"/>, with the answer's Location header.</summary>
    public static async Task<(Answer Answer, string? Location)> CallWithLocationAsync<T>(
        IServiceProvider services, string apiKey, string method, string path, string? body, Func<T, HttpRequest, Task<IResult>> function, string contentType = "application/json")
    {
        var request = HttpCalls.StaffRequest(services, method, path, body, contentType, apiKey);
        var answer = await HttpCalls.CallAsync(request, r => function(ActivatorUtilities.CreateInstance<T>(services), r));
        return (answer, request.HttpContext.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null);
    }
}
