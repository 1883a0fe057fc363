using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Azure;
using Azure.Data.Tables;
using Outreach.Core.Campaigns;
using Outreach.Core.Leaders;
using Outreach.Core.Unsubscribe;

namespace Outreach.Core.Storage;

/// <summary>
/// A campaign as stored in the <c>campaigns</c> table: every campaign in the one partition <see cref="Partition"/>, row =
/// campaign id. The table is staff-sized (a few hundred rows a year), so one partition makes <c>GetAsync(id)</c> a point
/// read and every list one partition query; keyed by district instead, a read by id (ids do not carry the district) would
/// scan the table. Scalars are columns (enums by name, so the adapter can filter on them); content, audience, history and
/// editors are JSON text. A JSON text longer than a string property may hold (64 KiB) is split over <c>Content</c>,
/// <c>Content1</c>, <c>Content2</c>, ...; the whole entity must still fit in 1 MiB, which
/// <see cref="Campaign.MaxBodyLength"/> keeps it well inside.
/// </summary>
internal static class CampaignTableEntity
{
    /// <summary>The partition of every campaign.</summary>
    public const string Partition = "campaign";

    // The JSON is storage, never HTML: Danish letters stay one character instead of six (\u00e6).
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The entity to write for <paramref name="campaign"/> (with its version as the ETag).</summary>
    public static TableEntity From(Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var entity = new TableEntity(Partition, campaign.Id)
        {
            ETag = campaign.Version is null ? default : new ETag(campaign.Version),
            ["Kind"] = campaign.Kind.ToString(),
            ["District"] = campaign.District,
            ["Name"] = campaign.Name,
            ["Category"] = campaign.Category.ToString(),
            ["Status"] = campaign.Status.ToString(),
            ["CreatedBy"] = campaign.CreatedBy,
            ["CreatedAt"] = campaign.CreatedAt,
            ["PlannedCount"] = campaign.PlanningCounts.Planned,
            ["SentCount"] = campaign.PlanningCounts.Sent,
            ["OutcomeUnknownCount"] = campaign.PlanningCounts.OutcomeUnknown,
            ["SuppressedCount"] = campaign.PlanningCounts.Suppressed,
            ["FailedCount"] = campaign.PlanningCounts.Failed,
            ["BatchCount"] = campaign.BatchCount,
        };
        SetIfNotNull(entity, "Month", campaign.Month);
        SetIfNotNull(entity, "ApprovedBy", campaign.ApprovedBy);
        SetIfNotNull(entity, "ApprovedAt", campaign.ApprovedAt);
        SetIfNotNull(entity, "ScheduledAt", campaign.ScheduledAt);
        SetIfNotNull(entity, "SentBy", campaign.SentBy);
        SetIfNotNull(entity, "SendingStartedAt", campaign.SendingStartedAt);
        SetIfNotNull(entity, "CompletedAt", campaign.CompletedAt);
        SetIfNotNull(entity, "CancelledBy", campaign.CancelledBy);
        SetIfNotNull(entity, "CancelledAt", campaign.CancelledAt);
        WriteText(entity, "Content", Serialize(campaign.Content, CampaignStorageJsonContext.Default.CampaignContent));
        WriteText(entity, "Audience", Serialize(campaign.Audience, CampaignStorageJsonContext.Default.CampaignAudience));
        WriteText(entity, "History", Serialize(campaign.History.ToList(), CampaignStorageJsonContext.Default.ListCampaignEvent));
        WriteText(entity, "EditedBy", Serialize(campaign.EditedBy.ToList(), CampaignStorageJsonContext.Default.ListString));
        return entity;
    }

    /// <summary>The campaign stored in <paramref name="entity"/>, at the entity's version.</summary>
    public static Campaign ToCampaign(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var campaign = new Campaign
        {
            Id = entity.RowKey,
            Kind = Enum.Parse<CampaignKind>(entity.GetString("Kind")),
            District = entity.GetString("District"),
            Name = entity.GetString("Name"),
            Month = entity.GetString("Month"),
            Category = Enum.Parse<OptOutCategory>(entity.GetString("Category")),
            Content = Deserialize(ReadText(entity, "Content"), CampaignStorageJsonContext.Default.CampaignContent),
            Audience = Deserialize(ReadText(entity, "Audience"), CampaignStorageJsonContext.Default.CampaignAudience),
            Status = Enum.Parse<CampaignStatus>(entity.GetString("Status")),
            CreatedBy = entity.GetString("CreatedBy"),
            CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? default,
            EditedBy = Deserialize(ReadText(entity, "EditedBy"), CampaignStorageJsonContext.Default.ListString),
            ApprovedBy = entity.GetString("ApprovedBy"),
            ApprovedAt = entity.GetDateTimeOffset("ApprovedAt"),
            ScheduledAt = entity.GetDateTimeOffset("ScheduledAt"),
            SentBy = entity.GetString("SentBy"),
            SendingStartedAt = entity.GetDateTimeOffset("SendingStartedAt"),
            CompletedAt = entity.GetDateTimeOffset("CompletedAt"),
            CancelledBy = entity.GetString("CancelledBy"),
            CancelledAt = entity.GetDateTimeOffset("CancelledAt"),
            PlanningCounts = new CampaignCounts(
                entity.GetInt32("PlannedCount") ?? 0,
                entity.GetInt32("SentCount") ?? 0,
                entity.GetInt32("OutcomeUnknownCount") ?? 0,
                entity.GetInt32("SuppressedCount") ?? 0,
                entity.GetInt32("FailedCount") ?? 0),
            BatchCount = entity.GetInt32("BatchCount") ?? 0,
            History = Deserialize(ReadText(entity, "History"), CampaignStorageJsonContext.Default.ListCampaignEvent),
            Version = entity.ETag.ToString(),
        };
        return campaign;
    }

    /// <summary>
    /// Refuses a campaign Azure would refuse, as staff input: the body is what makes a campaign large, so the
    /// body's field is named.
    /// </summary>
    /// <exception cref="InvalidFieldException">The stored campaign would be over 1 MiB (or a key is unusable).</exception>
    public static void Check(TableEntity entity, Campaign campaign)
    {
        try
        {
            StorageLimits.CheckEntity(entity);
        }
        catch (StorageLimitException exception)
        {
            throw new InvalidFieldException(
                CampaignDraftValidator.BodyField(campaign.Content),
                "The campaign is too large to store; shorten the text. (" + exception.Message + ")");
        }
    }

    private static void SetIfNotNull(TableEntity entity, string name, object? value)
    {
        if (value is not null)
        {
            entity[name] = value;
        }
    }

    private static string Serialize<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static T Deserialize<T>(string json, JsonTypeInfo<T> typeInfo) =>
        JsonSerializer.Deserialize(json, typeInfo) ?? throw new InvalidDataException($"A stored campaign holds null for {typeof(T).Name}.");

    // Splits text over name, name1, name2, ... of at most 32 Ki characters each, never between the two halves of a
    // surrogate pair (a lone half would not survive the trip through the service's UTF-8). System.Text.Json writes
    // characters outside the BMP escaped today, so the check only guards against that ever changing.
    private static void WriteText(TableEntity entity, string name, string text)
    {
        var part = 0;
        var start = 0;
        do
        {
            var length = Math.Min(StorageLimits.MaxStringCharacters, text.Length - start);
            if (start + length < text.Length && char.IsHighSurrogate(text[start + length - 1]))
            {
                length--;
            }

            entity[PartName(name, part)] = text.Substring(start, length);
            start += length;
            part++;
        }
        while (start < text.Length);
    }

    private static string ReadText(TableEntity entity, string name)
    {
        var text = new StringBuilder(entity.GetString(name) ?? throw new InvalidDataException($"A stored campaign has no {name}."));
        for (var part = 1; entity.GetString(PartName(name, part)) is { } more; part++)
        {
            text.Append(more);
        }

        return text.ToString();
    }

    private static string PartName(string name, int part) =>
        part == 0 ? name : name + part.ToString(CultureInfo.InvariantCulture);
}
