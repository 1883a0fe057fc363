using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Outreach.Functions.Http;

namespace Outreach.Functions.Staff;

/// <summary>
/// The one place that checks the staff principal: for every invocation of a function marked
/// <see cref="StaffAuthorizeAttribute"/>, the request must carry a staff principal with an allowed role, else the function
/// does not run and the caller gets a 401 or 403 problem. Other functions pass through untouched.
/// </summary>
public sealed class StaffAuthorizationMiddleware(StaffAuthenticator authenticator) : IFunctionsWorkerMiddleware
{
    /// <inheritdoc />
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next) => RefusingMiddleware.InvokeAsync(context, next, Check);

    /// <summary>
    /// The decision for one invocation of the function at <paramref name="entryPoint"/>: null lets it run (a staff
    /// function then finds the staff member in <see cref="HttpContext.User"/>), otherwise the 401 or 403 problem to answer.
    /// </summary>
    public IResult? Check(string entryPoint, HttpContext? http)
    {
        if (RequiredRoles(entryPoint) is not { } roles)
        {
            return null;
        }

        return http is null
            ? throw new InvalidOperationException($"{entryPoint} is a staff function but has no HTTP request.")
            : authenticator.Authorize(http, roles);
    }

    /// <summary>The roles a function needs (from its <see cref="StaffAuthorizeAttribute"/>), or null for a function that is not a staff function.</summary>
    /// <param name="entryPoint">The function's entry point as the worker names it: <c>Namespace.Type.Method</c>.</param>
    public static IReadOnlyList<string>? RequiredRoles(string entryPoint) =>
        FunctionEntryPoints.Attribute<StaffAuthorizeAttribute>(entryPoint)?.Roles;
}
