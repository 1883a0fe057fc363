using Outreach.Core.Districts;

namespace Outreach.Core.Templates;

/// <summary>
/// What a letter template can read: plain values only (strings, dates, flags), so a template can print data but never
/// reach a service, a file or a method. Property names are matched case-insensitively, so templates write them in
/// camelCase (<c>{{recipient.firstName}}</c>).
/// </summary>
internal sealed record LetterView
{
    public required RecipientView Recipient { get; init; }

    public required DistrictView District { get; init; }

    public required ChairView Chair { get; init; }

    public required SecretariatView Secretariat { get; init; }

    public required DateOnly LetterDate { get; init; }

    public required string UnsubscribeUrl { get; init; }

    public int FollowUpNumber { get; init; }

    public bool IsFirstFollowUp => FollowUpNumber == 1;

    public bool IsSecondFollowUp => FollowUpNumber == 2;

    /// <summary>The rendered subject, for the layouts' <c>&lt;title&gt;</c>; empty while the subject itself renders.</summary>
    public string Subject { get; init; } = "";

    public static LetterView Create(DistrictOptions district, LetterModel model) => new()
    {
        Recipient = new RecipientView
        {
            Name = model.RecipientName.Trim(),
            FirstName = FirstName(model.RecipientName),
            Email = model.RecipientEmail,
            JobTitle = model.JobTitle,
            Workplace = model.Workplace,
            Municipality = model.Municipality,
            HireDate = model.HireDate,
        },
        District = new DistrictView
        {
            Code = district.Code,
            Name = district.DisplayName,
            LeaderSection = string.IsNullOrWhiteSpace(district.LeaderSectionName) ? "ledersektionen i " + district.DisplayName : district.LeaderSectionName,
            JoinUrl = district.JoinUrl,
            Municipalities = [.. district.Municipalities],
        },
        Chair = new ChairView
        {
            Name = district.Chair.Name,
            Title = district.Chair.Title,
            Closing = string.IsNullOrWhiteSpace(district.Chair.Closing) ? "Med venlig hilsen" : district.Chair.Closing,
            SignatureImageUrl = district.Chair.SignatureImageUrl,
        },
        Secretariat = new SecretariatView
        {
            Name = district.Secretariat.Name,
            Email = district.Secretariat.Email,
            Phone = district.Secretariat.Phone,
            AddressLines = [.. district.Secretariat.Address.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)],
        },
        LetterDate = model.LetterDate,
        UnsubscribeUrl = model.UnsubscribeUrl.AbsoluteUri,
        FollowUpNumber = model.FollowUpNumber,
    };

    // "Kære Signe" rather than "Kære Signe Løvgreen Holm": Danish letters greet by first name.
    private static string FirstName(string name)
    {
        var trimmed = name.Trim();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? trimmed : trimmed[..space];
    }
}

/// <summary>The recipient as templates see them.</summary>
internal sealed record RecipientView
{
    public required string Name { get; init; }

    public required string FirstName { get; init; }

    public required string Email { get; init; }

    public string? JobTitle { get; init; }

    public string? Workplace { get; init; }

    public string? Municipality { get; init; }

    public DateOnly? HireDate { get; init; }
}

/// <summary>The district as templates see it.</summary>
internal sealed record DistrictView
{
    public required string Code { get; init; }

    public required string Name { get; init; }

    public required string LeaderSection { get; init; }

    public required string JoinUrl { get; init; }

    public required IReadOnlyList<string> Municipalities { get; init; }
}

/// <summary>The chair's signature as templates see it.</summary>
internal sealed record ChairView
{
    public required string Name { get; init; }

    public required string Title { get; init; }

    public required string Closing { get; init; }

    public string? SignatureImageUrl { get; init; }
}

/// <summary>The leader secretariat's contacts as templates see them.</summary>
internal sealed record SecretariatView
{
    public required string Name { get; init; }

    public required string Email { get; init; }

    public required string Phone { get; init; }

    public required IReadOnlyList<string> AddressLines { get; init; }
}
