using Outreach.Functions.RecipientLists;
using Outreach.Functions.Tests.Campaigns;
using Outreach.Functions.Tests.Leaders;

namespace Outreach.Functions.Tests.RecipientLists;

/// <summary>The recipient-list functions' answers to requests they judge alone (no Core needed).</summary>
[Collection(FunctionsTestGroup.Name)]
public sealed class RecipientListFunctionsTests(FunctionsFixture fixture)
{
    [Theory]
    [InlineData("")]
    [InlineData("?name=")]
    [InlineData("?name=%20%20")]
    [InlineData("?name=Kandidater%0Av2")]
    public async Task UploadRecipientList_NoValidName_Answers400NamingName(string query)
    {
        // Act
        var answer = await StaffCalls.CallAsync<RecipientListFunctions>(
            fixture.Services, StaffCalls.Sam, "POST", "/api/staff/lists" + query, RecipientListCalls.Candidates(TestLeaders.Unique("name")), (f, r) => f.UploadAsync(r, default), "text/csv");

        // Assert
        Assert.Equal(400, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.NotNull(answer.Json["errors"]?["name"]);
    }

    [Fact]
    public async Task UploadRecipientList_Json_Answers415NamingBody()
    {
        // Act
        var answer = await StaffCalls.CallAsync<RecipientListFunctions>(
            fixture.Services, StaffCalls.Sam, "POST", "/api/staff/lists?name=x", """{"email":"a@example.org"}""", (f, r) => f.UploadAsync(r, default));

        // Assert
        Assert.Equal(415, answer.Status);
        Assert.NotNull(answer.Json["errors"]?["body"]);
    }

    [Fact]
    public async Task UploadRecipientList_EmptyBody_Answers400NamingBody()
    {
        // Act
        var answer = await StaffCalls.CallAsync<RecipientListFunctions>(
            fixture.Services, StaffCalls.Sam, "POST", "/api/staff/lists?name=x", "", (f, r) => f.UploadAsync(r, default), "text/csv");

        // Assert
        Assert.Equal(400, answer.Status);
        Assert.NotNull(answer.Json["errors"]?["body"]);
    }

    [Fact]
    public async Task UploadRecipientList_OverTheImportLimitWithoutContentLength_Answers413NamingBody()
    {
        // Arrange
        var services = fixture.CreateServices("", [new("Outreach:Imports:MaxBytes", "4096")]);
        var csv = RecipientListCalls.Header + "\n" + string.Concat(Enumerable.Range(0, 200).Select(i => $"big{i}@example.org,Anna Kandidat,København,Kandidat\n"));
        var request = HttpCalls.StaffRequest(services, "POST", "/api/staff/lists?name=big", csv, "text/csv", StaffCalls.Sam);
        request.ContentLength = null;

        // Act
        var answer = await HttpCalls.CallAsync(request, r => fixture.Create<RecipientListFunctions>(services).UploadAsync(r, default));

        // Assert
        Assert.Equal(413, answer.Status);
        Assert.NotNull(answer.Json["errors"]?["body"]);
    }

    [Theory]
    [InlineData("l-\u0007")]
    [InlineData("l/../x")]
    public async Task GetAndDeleteRecipientList_IdThatCannotBeOne_Answer400NamingId(string id)
    {
        // Act
        var get = await StaffCalls.CallAsync<RecipientListFunctions>(fixture.Services, StaffCalls.Sam, "GET", "/api/staff/lists/x", null, (f, r) => f.GetAsync(r, id, default));
        var delete = await StaffCalls.CallAsync<RecipientListFunctions>(fixture.Services, StaffCalls.Sam, "DELETE", "/api/staff/lists/x", null, (f, r) => f.DeleteAsync(r, id, default));

        // Assert
        Assert.Equal((400, 400), (get.Status, delete.Status));
        Assert.NotNull(get.Json["errors"]?["id"]);
        Assert.NotNull(delete.Json["errors"]?["id"]);
    }

    [Theory]
    [InlineData(nameof(RecipientListFunctions.UploadAsync))]
    [InlineData(nameof(RecipientListFunctions.ListAsync))]
    [InlineData(nameof(RecipientListFunctions.GetAsync))]
    [InlineData(nameof(RecipientListFunctions.DeleteAsync))]
    public async Task RecipientListFunction_NoKey_Answers401AndEveryStaffMemberGetsIn(string method)
    {
        // Act
        var none = await Operations.OperationsAccess.StatusAsync(fixture.Services, typeof(RecipientListFunctions), method, apiKey: null);
        var staff = await Operations.OperationsAccess.StatusAsync(fixture.Services, typeof(RecipientListFunctions), method, StaffCalls.Sam);

        // Assert
        Assert.Equal(401, none);
        Assert.Equal(200, staff);
    }
}
