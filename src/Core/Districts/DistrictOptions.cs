namespace Outreach.Core.Districts;

/// <summary>
/// One district (kreds) of the union and its leader section, bound from <c>Outreach:Districts:{index}</c>.
/// Every record the system keeps belongs to exactly one district.
/// </summary>
public sealed class DistrictOptions
{
    /// <summary>Stable code used in keys and template folders, e.g. <c>storkobenhavn</c> (lower-case letters, digits and hyphens).</summary>
    public string Code { get; set; } = "";

    /// <summary>Name shown in letters, e.g. "Socialpædagogerne Storkøbenhavn".</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>
    /// The leader section as letters name it, e.g. "Lederforeningen i Socialpædagogerne Storkøbenhavn"; when empty the
    /// letters say "ledersektionen i" followed by <see cref="DisplayName"/>.
    /// </summary>
    public string LeaderSectionName { get; set; } = "";

    /// <summary>The leader section's chair, who signs the welcome letters.</summary>
    public ChairOptions Chair { get; set; } = new();

    /// <summary>The From address of every mail the district sends.</summary>
    public SenderOptions Sender { get; set; } = new();

    /// <summary>Reply-To address (normally the leader secretariat).</summary>
    public string ReplyTo { get; set; } = "";

    /// <summary>The leader secretariat's contact details, printed in every letter.</summary>
    public SecretariatOptions Secretariat { get; set; } = new();

    /// <summary>The municipalities (kommuner) the district covers.</summary>
    public IList<string> Municipalities { get; } = new List<string>();

    /// <summary>Days after the welcome before a non-member gets the first follow-up.</summary>
    public int FollowUpDelayDays { get; set; } = 30;

    /// <summary>
    /// Days after the welcome (like <see cref="FollowUpDelayDays"/>, so it must be the larger) before a non-member gets the
    /// second follow-up; null means no second follow-up.
    /// </summary>
    public int? SecondFollowUpDelayDays { get; set; }

    /// <summary>Folder under the templates root holding this district's templates; defaults to <see cref="Code"/>.</summary>
    public string? TemplateFolder { get; set; }

    /// <summary>Language of the letters (ISO 639-1); Danish by default.</summary>
    public string Language { get; set; } = "da";

    /// <summary>Where non-members can sign up, linked from the invitation to join.</summary>
    public string JoinUrl { get; set; } = "";

    /// <summary>
    /// When true, non-members are only e-mailed with recorded consent; without it their welcome is produced as a
    /// print-ready letter for the post instead.
    /// </summary>
    public bool RequireConsentForNonMembers { get; set; }

    /// <summary>
    /// When true, opens and clicks reported by the mail provider are kept on the person's delivery; otherwise (the default)
    /// they are only counted per district and day.
    /// </summary>
    public bool StoreEngagementPerPerson { get; set; }

    /// <summary>
    /// When the month's approved newsletter issue goes out: an NCRONTAB expression with seconds
    /// (<c>{second} {minute} {hour} {day} {month} {day-of-week}</c>) read in Europe/Copenhagen time, e.g.
    /// <c>0 0 9 1-7 * 2</c> for the first Tuesday of the month at 09:00; null or empty for no newsletter schedule.
    /// </summary>
    public string? NewsletterSchedule { get; set; }

    /// <summary>The hours campaign mail may go out (Europe/Copenhagen); a batch due outside them waits for the next opening.</summary>
    public SendWindowOptions SendWindow { get; set; } = new();
}

/// <summary>A daily window of sending hours in Europe/Copenhagen time; <see cref="Start"/> equal to <see cref="End"/> means all day.</summary>
public sealed class SendWindowOptions
{
    /// <summary>The first minute of the window, e.g. 08:00.</summary>
    public TimeOnly Start { get; set; } = new(8, 0);

    /// <summary>The end of the window (exclusive), e.g. 20:00.</summary>
    public TimeOnly End { get; set; } = new(20, 0);
}

/// <summary>The chair of the district's leader section.</summary>
public sealed class ChairOptions
{
    /// <summary>Full name, e.g. "Mette Jensen".</summary>
    public string Name { get; set; } = "";

    /// <summary>Title under the signature, e.g. "Formand for Lederforeningen".</summary>
    public string Title { get; set; } = "";

    /// <summary>Optional HTTPS URL of a signature image for the HTML letter.</summary>
    public string? SignatureImageUrl { get; set; }

    /// <summary>Closing line above the name, e.g. "Med venlig hilsen".</summary>
    public string Closing { get; set; } = "Med venlig hilsen";
}

/// <summary>A sender identity (must be verified at the mail provider).</summary>
public sealed class SenderOptions
{
    /// <summary>Address, e.g. leder@example.org.</summary>
    public string Email { get; set; } = "";

    /// <summary>Display name.</summary>
    public string Name { get; set; } = "";
}

/// <summary>The leader secretariat's contacts.</summary>
public sealed class SecretariatOptions
{
    /// <summary>Name of the secretariat or contact person.</summary>
    public string Name { get; set; } = "";

    /// <summary>E-mail address.</summary>
    public string Email { get; set; } = "";

    /// <summary>Phone number as printed.</summary>
    public string Phone { get; set; } = "";

    /// <summary>Postal address as printed (may span lines).</summary>
    public string Address { get; set; } = "";
}
