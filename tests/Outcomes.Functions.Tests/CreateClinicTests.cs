using System.Net;
using Outcomes.Storage;

namespace Outcomes.Functions.Tests;

public sealed class CreateClinicTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    [Fact]
    public async Task The_admin_creates_a_clinic_and_gets_its_first_key_once_and_the_key_is_the_clinics()
    {
        var response = await app.SendAsync(HttpMethod.Post, "/api/clinics", OutcomesApp.AdminKey, new { name = " Spine Centre North ", timeZone = "Pacific/Chatham" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadObjectAsync();
        var clinicId = body["clinicId"]!.GetValue<string>();
        Assert.Equal($"/api/clinics/{clinicId}", response.Headers.Location!.OriginalString);
        Assert.Equal("Spine Centre North", body["name"]!.GetValue<string>());
        Assert.Equal("Pacific/Chatham", body["timeZone"]!.GetValue<string>());
        Assert.Matches("^oc_[A-Za-z0-9_-]{43}$", body["apiKey"]!.GetValue<string>());
        Assert.Equal(new Clinic(clinicId, "Spine Centre North", "Pacific/Chatham", app.Clock.Now),
            await app.Service<IClinicStore>().FindAsync(clinicId, CancellationToken.None));
        Assert.Equal(new Caller.Clinic(clinicId, body["keyId"]!.GetValue<string>()), await app.ResolveAsync(body["apiKey"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Creating_a_clinic_is_audited_in_order_as_the_admin_and_the_trail_never_holds_the_key()
    {
        var clinic = await app.CreateClinicAsync("Audited Clinic", "Asia/Kolkata");

        var trail = await app.Service<IAuditTrail>().ReadAsync(AuditSubjects.Clinic(clinic.ClinicId), CancellationToken.None);

        Assert.Equal(["clinic-created", "key-issued"], trail.Select(e => e.Action));
        Assert.All(trail, e => Assert.Equal(AuditActor.Admin, e.Actor));
        Assert.All(trail, e => Assert.Equal(app.Clock.Now, e.At));
        Assert.Equal("Asia/Kolkata", trail[0].Changes["timeZone"]);
        Assert.Equal(clinic.KeyId, trail[1].Changes["keyId"]);
        Assert.DoesNotContain(await app.AccessRowsAsync(), row => row.Contains(clinic.ApiKey[3..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_key_is_never_logged()
    {
        var clinic = await app.CreateClinicAsync();
        await app.SendAsync(HttpMethod.Post, "/api/clinics", clinic.ApiKey, new { name = "x", timeZone = "UTC" });

        Assert.NotEmpty(app.Logs.Lines);
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(clinic.ApiKey[3..], StringComparison.Ordinal) || line.Contains(OutcomesApp.AdminKey, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"name\": \"A\", ", "malformed-json", null)]
    [InlineData("[\"A\", \"UTC\"]", "malformed-json", null)]
    [InlineData("", "missing-body", null)]
    [InlineData("{\"timeZone\": \"UTC\"}", "missing-field", "name")]
    [InlineData("{\"name\": null, \"timeZone\": \"UTC\"}", "missing-field", "name")]
    [InlineData("{\"name\": 42, \"timeZone\": \"UTC\"}", "invalid-field", "name")]
    [InlineData("{\"name\": \"   \", \"timeZone\": \"UTC\"}", "invalid-field", "name")]
    [InlineData("{\"name\": \"A\", \"NAME\": \"B\", \"timeZone\": \"UTC\"}", "duplicate-field", "NAME")]
    [InlineData("{\"name\": \"A\"}", "missing-field", "timeZone")]
    [InlineData("{\"name\": \"A\", \"timeZone\": [\"UTC\"]}", "invalid-field", "timeZone")]
    [InlineData("{\"name\": \"A\", \"timeZone\": \"Mars/Olympus_Mons\"}", "invalid-field", "timeZone")]
    [InlineData("{\"name\": \"A\", \"timeZone\": \"Eastern Standard Time\"}", "invalid-field", "timeZone")]
    [InlineData("{\"name\": \"A\", \"timeZone\": \"../../etc/passwd\"}", "invalid-field", "timeZone")]
    [InlineData("{\"name\": \"A\", \"timeZone\": \"\"}", "missing-field", "timeZone")]
    public async Task Bad_input_is_a_400_problem_naming_the_field_and_stores_nothing(string json, string code, string? field)
    {
        var before = await app.AccessRowsAsync();

        var response = await app.SendAsync(HttpMethod.Post, "/api/clinics", OutcomesApp.AdminKey, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal(code, problem["code"]!.GetValue<string>());
        Assert.Equal(field, problem["field"]?.GetValue<string>());
        Assert.Equal(before, await app.AccessRowsAsync());
    }

    [Fact]
    public async Task A_name_over_200_characters_is_refused_naming_the_field()
    {
        var response = await app.SendAsync(HttpMethod.Post, "/api/clinics", OutcomesApp.AdminKey, new { name = new string('a', 201), timeZone = "UTC" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("name", (await response.ReadProblemAsync())["field"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Spine\u2028Centre")]   // a line separator
    [InlineData("Spine\u2029Centre")]   // a paragraph separator
    [InlineData("Spine\nCentre")]
    public async Task A_name_that_would_break_a_line_is_refused_and_nothing_is_stored(string name)
    {
        var before = await app.AccessRowsAsync();

        var response = await app.SendAsync(HttpMethod.Post, "/api/clinics", OutcomesApp.AdminKey, new { name, timeZone = "UTC" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("name", (await response.ReadProblemAsync())["field"]!.GetValue<string>());
        Assert.Equal(before, await app.AccessRowsAsync());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_and_stores_nothing()
    {
        var before = await app.AccessRowsAsync();

        var response = await app.SendAsync(HttpMethod.Post, "/api/clinics", OutcomesApp.AdminKey, new { name = new string('a', 100_000), timeZone = "UTC" });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("urn:outcomes:problem:body-too-large", (await response.ReadProblemAsync())["type"]!.GetValue<string>());
        Assert.Equal(before, await app.AccessRowsAsync());
    }

    [Fact]
    public async Task A_body_over_the_limit_without_a_length_is_413_too()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/clinics")
        {
            Content = new StreamContent(new UnknownLength(new MemoryStream(new byte[200_000]))) { Headers = { ContentType = new("application/json") } },
            Headers = { Authorization = new("Bearer", OutcomesApp.AdminKey) },
        };

        var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_body_that_is_not_declared_as_json_is_415()
    {
        var response = await app.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/clinics")
        {
            Content = new StringContent("name=A&timeZone=UTC", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
            Headers = { Authorization = new("Bearer", OutcomesApp.AdminKey) },
        });

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    /// <summary>A stream that will not say its length, so the request goes chunked.</summary>
    private sealed class UnknownLength(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
