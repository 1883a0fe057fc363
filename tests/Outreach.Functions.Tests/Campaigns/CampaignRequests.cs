namespace Outreach.Functions.Tests.Campaigns;

/// <summary>Request bodies for the campaign functions.</summary>
internal static class CampaignRequests
{
    /// <summary>A municipality meeting invitation (kommunemøde) to København's member leaders, signed by the chair.</summary>
    public const string MeetingInvitation =
        """{"district":"storkobenhavn","name":"Kommunemøde København","subject":"Invitation til møde med ledersekretariatet","category":"campaigns","signedByChair":true,"markdown":"Kære leder\n\nVi inviterer til møde.","audience":{"segment":{"municipalities":["København"],"membership":"member"}}}""";

    /// <summary>A campaign to one uploaded list.</summary>
    public static string ToList(string listId, bool signedByChair = true) =>
        $$$"""{"district":"storkobenhavn","name":"Valgmøde {{{listId}}}","subject":"Invitation til valgmøde","category":"campaigns","signedByChair":{{{(signedByChair ? "true" : "false")}}},"markdown":"Kære **kandidat**","audience":{"listId":"{{{listId}}}"}}""";
}
