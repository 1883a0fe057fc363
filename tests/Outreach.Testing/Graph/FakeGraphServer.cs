using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Outreach.Testing.Graph;

/// <summary>One request the fake received.</summary>
/// <param name="Path">Decoded path, e.g. <c>/v1.0/users/delta()</c>.</param>
/// <param name="Query">Raw query string including <c>?</c>, or empty.</param>
/// <param name="RetryAttempt">The SDK's <c>Retry-Attempt</c> header, if any.</param>
/// <param name="Status">Status code answered.</param>
/// <param name="Authorization">The Authorization header, if any (e.g. <c>Bearer …</c>).</param>
public sealed record FakeGraphRequest(string Path, string Query, string? RetryAttempt, int Status, string? Authorization);

/// <summary>
/// Microsoft Graph on 127.0.0.1 (free port) for tests, answering in Graph's documented shapes: the users delta query
/// (<c>/v1.0/users/delta()</c> as the SDK calls it, paged by <c>@odata.nextLink</c> with a <c>$skiptoken</c>, ending in an
/// <c>@odata.deltaLink</c> with a <c>$deltatoken</c>; later rounds return only changes, deletions as <c>@removed</c>), a
/// rejected delta link on demand (410 <c>resyncRequired</c> with a Location header, or 400 <c>syncStateNotFound</c>),
/// 429 with Retry-After on demand, and SharePoint list items with <c>fields</c> and paging. Links point back at the fake.
/// No token endpoint: tests give the client an anonymous or fixed-token authentication provider.
/// </summary>
public sealed class FakeGraphServer : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly List<JsonObject> users = [];
    private readonly List<(long Sequence, JsonObject Entry)> changes = [];
    private readonly Dictionary<string, List<JsonObject>> listItems = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<FakeGraphRequest> requests = [];
    private readonly WebApplication app;
    private long sequence;
    private long rejectTokensUpTo = -1;
    private int rejectionStatus;
    private int pendingThrottles;
    private string retryAfter = "1";

    private FakeGraphServer(WebApplication app) => this.app = app;

    /// <summary>Graph base URL of the fake, e.g. <c>http://127.0.0.1:54321/v1.0</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Users per delta page.</summary>
    public int UsersPageSize { get; set; } = 2;

    /// <summary>Items per SharePoint list page.</summary>
    public int ListPageSize { get; set; } = 2;

    /// <summary>The requests received so far.</summary>
    public IReadOnlyList<FakeGraphRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    /// <summary>Starts the fake on a free loopback port.</summary>
    public static async Task<FakeGraphServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeGraphServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = app.Urls.First().TrimEnd('/') + "/v1.0";
        return server;
    }

    /// <summary>Adds or replaces a user (a Graph user JSON object with at least <c>id</c>); later delta rounds report it.</summary>
    public void UpsertUser(JsonObject user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = (string?)user["id"] ?? throw new ArgumentException("A user needs an id.", nameof(user));
        lock (gate)
        {
            users.RemoveAll(existing => (string?)existing["id"] == id);
            users.Add(user);
            changes.Add((++sequence, (JsonObject)user.DeepClone()));
        }
    }

    /// <summary>Deletes a user; later delta rounds report <c>{"id":…,"@removed":{"reason":…}}</c>.</summary>
    public void RemoveUser(string id, string reason = "deleted")
    {
        lock (gate)
        {
            users.RemoveAll(existing => (string?)existing["id"] == id);
            changes.Add((++sequence, new JsonObject { ["id"] = id, ["@removed"] = new JsonObject { ["reason"] = reason } }));
        }
    }

    /// <summary>Rejects every delta link issued so far with <paramref name="status"/> (410 or 400), as an expired token.</summary>
    public void RejectIssuedDeltaLinks(int status = 410)
    {
        lock (gate)
        {
            rejectTokensUpTo = sequence;
            rejectionStatus = status;
        }
    }

    /// <summary>Answers the next <paramref name="times"/> requests with 429 and <c>Retry-After: <paramref name="retryAfterSeconds"/></c>.</summary>
    public void Throttle(int times, string retryAfterSeconds = "1")
    {
        lock (gate)
        {
            pendingThrottles = times;
            retryAfter = retryAfterSeconds;
        }
    }

    /// <summary>Sets the items of a SharePoint list; each is the <c>fields</c> object of one item, whose id is its position from 1.</summary>
    public void SetListItems(string siteId, string listId, IEnumerable<JsonObject> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        lock (gate)
        {
            listItems[siteId + "|" + listId] = [.. fields];
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        int status;
        JsonObject body;
        string? location = null;
        string? throttleAfter = null;
        lock (gate)
        {
            if (pendingThrottles > 0)
            {
                pendingThrottles--;
                throttleAfter = retryAfter;
                status = 429;
                body = Error("TooManyRequests", "Too many requests.");
            }
            else
            {
                (status, body, location) = Route(context.Request);
            }

            requests.Add(new FakeGraphRequest(context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "", context.Request.Headers["Retry-Attempt"].FirstOrDefault(), status, context.Request.Headers.Authorization.FirstOrDefault()));
        }

        context.Response.StatusCode = status;
        if (throttleAfter is not null)
        {
            context.Response.Headers.RetryAfter = throttleAfter;
        }

        if (location is not null)
        {
            context.Response.Headers.Location = location;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private (int Status, JsonObject Body, string? Location) Route(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        if (path is "/v1.0/users/delta()" or "/v1.0/users/delta")
        {
            return UsersDelta(request);
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is ["v1.0", "sites", var site, "lists", var list, "items"])
        {
            return ListItems(request, site, list);
        }

        return (404, Error("Request_ResourceNotFound", "Resource not found."), null);
    }

    private (int, JsonObject, string?) UsersDelta(HttpRequest request)
    {
        var deltaLinkBase = BaseUrl + "/users/delta";
        if (request.Query.TryGetValue("$deltatoken", out var deltaToken))
        {
            var since = long.Parse(deltaToken.ToString(), CultureInfo.InvariantCulture);
            if (since <= rejectTokensUpTo)
            {
                return rejectionStatus == 410
                    ? (410, Error("resyncRequired", "Resync required. Replace any local cached copies of the resource with a fresh copy."), deltaLinkBase + "?$deltatoken=")
                    : (rejectionStatus, Error("syncStateNotFound", "The sync state generation is not found. The delta token is expired and data must be synchronized again."), null);
            }

            // The latest state of each changed entity, in change order.
            var changed = changes.Where(change => change.Sequence > since)
                .GroupBy(change => (string?)change.Entry["id"])
                .Select(group => group.Last())
                .OrderBy(change => change.Sequence)
                .Select(change => (JsonNode)change.Entry.DeepClone());
            return (200, Page(changed, nextLink: null, deltaLink: deltaLinkBase + "?$deltatoken=" + sequence.ToString(CultureInfo.InvariantCulture)), null);
        }

        // Full sync: the skiptoken carries the offset and the change sequence the round started at.
        var offset = 0;
        var startedAt = sequence;
        if (request.Query.TryGetValue("$skiptoken", out var skipToken))
        {
            var parts = skipToken.ToString().Split('-');
            offset = int.Parse(parts[0], CultureInfo.InvariantCulture);
            startedAt = long.Parse(parts[1], CultureInfo.InvariantCulture);
        }

        var pageOfUsers = users.Skip(offset).Take(UsersPageSize).Select(user => (JsonNode)user.DeepClone()).ToList();
        var next = offset + pageOfUsers.Count;
        return next < users.Count
            ? (200, Page(pageOfUsers, deltaLinkBase + "?$skiptoken=" + string.Create(CultureInfo.InvariantCulture, $"{next}-{startedAt}"), null), null)
            : (200, Page(pageOfUsers, null, deltaLinkBase + "?$deltatoken=" + startedAt.ToString(CultureInfo.InvariantCulture)), null);
    }

    private (int, JsonObject, string?) ListItems(HttpRequest request, string site, string list)
    {
        if (!listItems.TryGetValue(site + "|" + list, out var items))
        {
            return (404, Error("itemNotFound", "The requested list was not found."), null);
        }

        var expandsFields = (request.Query["$expand"].ToString() + request.Query["expand"].ToString()).Contains("fields", StringComparison.Ordinal);
        var offset = request.Query.TryGetValue("$skiptoken", out var skipToken) ? int.Parse(skipToken.ToString(), CultureInfo.InvariantCulture) : 0;
        var page = items.Skip(offset).Take(ListPageSize).Select((fields, index) =>
        {
            var id = (offset + index + 1).ToString(CultureInfo.InvariantCulture);
            var item = new JsonObject
            {
                ["@odata.etag"] = $"\"{id},1\"",
                ["id"] = id,
                ["createdDateTime"] = "2026-11-01T08:00:00Z",
                ["webUrl"] = $"https://contoso.sharepoint.com/Lists/NewLeaders/{id}_.000",
            };
            if (expandsFields)
            {
                item["fields"] = fields.DeepClone();
            }

            return (JsonNode)item;
        }).ToList();
        var next = offset + page.Count;
        var nextLink = next < items.Count
            ? $"{BaseUrl}/sites/{Uri.EscapeDataString(site)}/lists/{Uri.EscapeDataString(list)}/items?$expand=fields&$skiptoken={next.ToString(CultureInfo.InvariantCulture)}"
            : null;
        return (200, Page(page, nextLink, null), null);
    }

    private static JsonObject Page(IEnumerable<JsonNode> values, string? nextLink, string? deltaLink)
    {
        var page = new JsonObject
        {
            ["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.user)",
            ["value"] = new JsonArray([.. values]),
        };
        if (nextLink is not null)
        {
            page["@odata.nextLink"] = nextLink;
        }

        if (deltaLink is not null)
        {
            page["@odata.deltaLink"] = deltaLink;
        }

        return page;
    }

    private static JsonObject Error(string code, string message) => new()
    {
        ["error"] = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["innerError"] = new JsonObject { ["date"] = "2026-12-03T04:00:00", ["request-id"] = Guid.NewGuid().ToString() },
        },
    };
}
