using System.Text;

namespace Outcomes.EndToEnd.Tests.Hostile;

/// <summary>Hostile form posts (the dashboard's sign-in, the survey page's answers, the staff's registration form, the SMS webhook) and bodies of the wrong media type.</summary>
internal static class FormProbes
{
    public const string UrlEncoded = "application/x-www-form-urlencoded";

    public static IEnumerable<Probe> SignIn(HostileHost app)
    {
        var world = app.World;
        const string door = "POST /api/dashboard/sign-in";
        Probe Post(string input, string body, string contentType = UrlEncoded, bool chunked = false) =>
            new(door, input, "POST", "/api/dashboard/sign-in") { Body = Encoding.ASCII.GetBytes(body), ContentType = contentType, Chunked = chunked };
        var clinic = HostileText.Encode(world.ClinicKey);
        var probes = new List<Probe>
        {
            Post("key=%00", "key=%00"), Post("key=%00%00", "key=%00%00"), Post("a NUL inside the key", "key=a%00b"),
            Post("the clinic key and a NUL", $"key={clinic}%00"), Post("a NUL and the clinic key", $"key=%00{clinic}"),
            Post("an encoded surrogate", "key=%ED%A0%80"), Post("key=%FF%FE", "key=%FF%FE"), Post("an overlong NUL", "key=%C0%80"),
            Post("an empty key", "key="), Post("spaces", "key=%20%20"), Post("no '='", "key"), Post("no name", "=x"), Post("'%%%'", "%%%"),
            Post("key=%zz", "key=%zz"), Post("key=%", "key=%"), Post("'&&&&'", "&&&&"), Post("the clinic key twice", $"key={clinic}&key={clinic}"),
            Post("two different keys", "key=a&key=b"), Post("a key of 600 characters", "key=" + new string('k', 600)),
            Post("a key of 4,000 characters", "key=" + new string('k', 4000)), Post("a revoked key", "key=" + HostileText.Encode(world.RevokedKey)),
            Post("the admin key", "key=" + HostileText.Encode(HostileWorld.AdminKey)).Expecting(403),
            Post("1,100 fields in 2.2 KB", string.Join("&", Enumerable.Repeat("a", 1100))),
            Post("a field name of 3,000 characters", new string('n', 3000) + "=1"),
            Post("a body of 4,097 bytes", "key=" + new string('k', 4093)).Expecting(413),
            Post("a chunked body of 5,000 bytes", "key=" + new string('k', 4996), chunked: true).Expecting(413),
            Post("a chunked body of 70 KiB", "key=" + new string('k', 70 * 1024), chunked: true).Expecting(413),
            Post("a chunked body of 1 MiB", "key=" + new string('k', 1024 * 1024), chunked: true).Expecting(413),
            Post("a chunked body of 5 MiB", "key=" + new string('k', 5 * 1024 * 1024), chunked: true).Expecting(413),
            Post("a body of 1 MiB", "key=" + new string('k', 1024 * 1024)).Expecting(413),
            Post("JSON with the clinic key", $$"""{"key":"{{world.ClinicKey}}"}""", "application/json"),
            Post("text/plain with the clinic key", $"key={clinic}", "text/plain"),
            Post("multipart with a broken boundary", "--other\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nx\r\n--other--\r\n", "multipart/form-data; boundary=hostile"),
            Post("multipart without a boundary", "key=x", "multipart/form-data"),
            Post("a form in an unknown charset", "key=x", UrlEncoded + "; charset=hostile"),
            Post("a form declared UTF-16", "key=x", UrlEncoded + "; charset=utf-16"),
        };
        probes.AddRange(HostileText.Injections.Select(i => Post($"key={HostileText.Show(i, 50)}", "key=" + HostileText.Encode(i))));
        return probes;
    }

    public static IEnumerable<Probe> SurveyForm(HostileHost app)
    {
        var door = app.Doors["POST /api/surveys/{token}"];
        var turn = 0;
        var valid = JsonTemplates.SurveyForm();
        Probe Post(string input, byte[] body, bool chunked = false) =>
            new Probe(door.Name, input, "POST", door.Path(app.World, turn: turn++)) { Chunked = chunked }.WithForm(body).Expecting(400);
        Probe Replace(string field, string value) => Post($"{field}={HostileText.Show(value, 50)}",
            HostileText.Form(valid.Where(f => f.Key != field).Append(new(field, value))));
        Probe Raw(string input, string encoded) => Post(input, Encoding.ASCII.GetBytes(encoded + "&" +
            Encoding.ASCII.GetString(HostileText.Form(valid.Where(f => f.Key != "pain")))));

        var probes = new List<Probe>();
        foreach (var pain in new[] { "", "\0", "11", "-1", "5.5", "1e1", "0x5", "abc", " ", "5\0", "\u0665", "+-5", HostileText.Huge }
                     .Concat(HostileText.Markers).Concat(HostileText.Pick(HostileText.Injections, 6, 71)))
            probes.Add(Replace("pain", pain));
        foreach (var medication in new[] { "heroin", "\0", HostileText.Huge }.Concat(HostileText.Markers))
            probes.Add(Replace("medications", medication));
        probes.Add(Post("medications none and paracetamol", HostileText.Form([.. valid.Where(f => f.Key != "medications"), new("medications", "none"), new("medications", "paracetamol")])));
        probes.Add(Post("medications listed 11 times", HostileText.Form([.. valid.Where(f => f.Key != "medications"), .. Enumerable.Repeat(new KeyValuePair<string, string>("medications", "weak_opioid"), 11)])));
        foreach (var name in new[] { "heroin", "\0" }.Concat(HostileText.Markers))
            probes.Add(Replace("opioid.name", name));
        foreach (var dose in new[] { "-5", "abc", "1e9", "5001", "0" }.Concat(HostileText.Markers))
            probes.Add(Replace("opioid.dailyDose", dose));
        foreach (var answer in new[] { "maybe", "\0", "yes\0" }.Concat(HostileText.Markers))
            probes.Add(Replace("newFracture", answer));
        probes.Add(Post("pain twice", HostileText.Form([.. valid, new("pain", "5")])));
        probes.Add(Raw("pain=%ED%A0%80", "pain=%ED%A0%80"));
        probes.Add(Raw("pain=%FF", "pain=%FF"));
        probes.Add(Raw("pain=%zz", "pain=%zz"));
        probes.Add(Raw("pain=%", "pain=%"));
        probes.Add(Raw("'%%%' and no pain", "%%%"));
        probes.Add(Raw("pain without '='", "pain"));
        probes.Add(Raw("a NUL in the name 'pain'", "pa%00in=4"));
        probes.Add(Raw("1,100 more fields, pain not a number", "pain=x&" + string.Join("&", Enumerable.Repeat("a=1", 1100))));
        probes.Add(Raw("a field name of 3,000 characters, pain not a number", "pain=x&" + new string('n', 3000) + "=1"));
        var oversized = Encoding.ASCII.GetBytes("pain=x&padding=" + new string('p', 70 * 1024));
        probes.Add(Post("a form of 70 KiB", oversized).Expecting(413));
        probes.Add(Post("a form of 70 KiB, chunked", oversized, chunked: true).Expecting(413));
        return probes;
    }

    /// <summary>The registration form, filled in as staff would, under a key of the form the page gives.</summary>
    public static List<KeyValuePair<string, string>> RegistrationForm(Random random) =>
    [
        new("idempotencyKey", Convert.ToHexStringLower(RandomBytes(random, 16))), new("patientRef", "HOSTILE-REG-" + HostileText.Letters(random, 6)),
        new("procedureType", "kyphoplasty"), new("procedureDate", "2026-01-10"), new("levels", "T12"), new("levels", "L1"), new("etiology", "osteoporotic"),
        new("baselinePain", "7"), new("baselineMedications", "paracetamol"), new("email", "hostile.reg@example.org"), new("phone", "+49 30 1234567"),
        new("language", "en"), new("operator", "spine_surgeon"), new("anesthesia", "local"), new("discharge", "same_day"), new("cementVolumeMl", "5"),
        new("complications", "cement_leakage"), new("heightRestoredMm", "3"), new("kyphoticAngleBefore", "15"), new("kyphoticAngleAfter", "9"),
    ];

    /// <summary>
    /// The staff's registration form: hostile values in each field, each beside another field that is wrong (a procedure
    /// date centuries ahead, or pain in words), so that nothing may be stored even where the hostile value is a fair one;
    /// repeated and unreadable fields; and bodies far larger than the form.
    /// </summary>
    public static IEnumerable<Probe> RegistrationForm(HostileHost app, int seed)
    {
        var door = app.Doors["POST /api/dashboard/register"];
        var random = new Random(seed);
        Probe Post(string input, byte[] body, bool chunked = false) =>
            new Probe(door.Name, input, "POST", door.Path(app.World)) { Chunked = chunked }.WithKey(app.World.ClinicKey).WithForm(body).Expecting(400);
        byte[] Wrong(IEnumerable<KeyValuePair<string, string>> form, string field) => HostileText.Form(field == "procedureDate"
            ? form.Where(f => f.Key != "baselinePain").Append(new("baselinePain", "seven"))
            : form.Where(f => f.Key != "procedureDate").Append(new("procedureDate", "2999-01-01")));

        var probes = new List<Probe>();
        foreach (var field in RegistrationForm(random).Select(f => f.Key).Distinct())
            foreach (var hostile in new[] { "", "\0", "T12\0", new string('v', 3000) }.Concat(HostileText.Markers).Concat(HostileText.Pick(HostileText.Injections, 4, seed))
                         .Concat(HostileText.Pick(HostileText.ControlCharacters, 2, seed)))
            {
                var form = RegistrationForm(random).Where(f => f.Key != field).Append(new(field, hostile));
                probes.Add(Post($"{field}={HostileText.Show(hostile, 50)}", Wrong(form, field)));
                probes.Add(Post($"{field}={HostileText.Show(hostile, 50)} beside the form's own", Wrong(RegistrationForm(random).Append(new(field, hostile)), field)));
            }
        var valid = RegistrationForm(random);
        probes.Add(Post("every field twice", Wrong(valid.Concat(valid), "")));
        probes.Add(Post("levels C1 to S1 and again", Wrong(valid.Where(f => f.Key != "levels").Concat(Enumerable.Range(0, 2).SelectMany(_ => LevelNames.Select(l => new KeyValuePair<string, string>("levels", l)))), "")));
        probes.Add(Post("1,100 more fields", Wrong(valid.Concat(Enumerable.Repeat(new KeyValuePair<string, string>("a", "1"), 1100)), "")));
        probes.Add(Post("a field name of 3,000 characters", Wrong(valid.Append(new(new string('n', 3000), "1")), "")));
        foreach (var raw in new[] { "patientRef=%ED%A0%80", "patientRef=%FF", "patientRef=%zz", "patientRef=%", "%%%", "patientRef", "pa%00tientRef=x" })
            probes.Add(Post(raw, [.. Encoding.ASCII.GetBytes(raw + "&"), .. Wrong(valid.Where(f => f.Key != "patientRef"), "")]));
        var oversized = Wrong(valid.Append(new("padding", new string('p', 20 * 1024))), "");
        probes.Add(Post("a form of 20 KiB", oversized).Expecting(413));
        probes.Add(Post("a form of 20 KiB, chunked", oversized, chunked: true).Expecting(413));
        probes.Add(Post("a patient reference of 60 KB", Wrong(valid.Where(f => f.Key != "patientRef").Append(new("patientRef", HostileText.Huge)), "")).Expecting(413));
        return probes;
    }

    private static readonly string[] LevelNames =
        [.. Enumerable.Range(1, 7).Select(n => $"C{n}"), .. Enumerable.Range(1, 12).Select(n => $"T{n}"), .. Enumerable.Range(1, 5).Select(n => $"L{n}"), "S1"];

    public static Probe FiveMebibyteUnsignedSms(bool chunked) =>
        new Probe("POST " + ApiDoors.SmsWebhook, $"an unsigned form of 5 MiB{(chunked ? ", chunked" : "")}", "POST", ApiDoors.SmsWebhook) { Chunked = chunked }
            .WithForm(Encoding.ASCII.GetBytes("Body=" + new string('s', 5 * 1024 * 1024)));

    public static IEnumerable<Probe> SmsWebhook(HostileHost app, int seed)
    {
        var url = app.BaseUrl + ApiDoors.SmsWebhook;
        const string door = "POST " + ApiDoors.SmsWebhook;
        var random = new Random(seed);
        Probe Post(string input, string body, string contentType = UrlEncoded, bool chunked = false) =>
            new(door, input, "POST", ApiDoors.SmsWebhook) { Body = Encoding.ASCII.GetBytes(body), ContentType = contentType, Chunked = chunked };
        Probe Signed(string input, IReadOnlyList<KeyValuePair<string, string>> form, string? signature = null) =>
            new Probe(door, input, "POST", ApiDoors.SmsWebhook).WithForm(HostileText.Form(form))
                .WithHeader("X-Twilio-Signature", signature ?? HostileText.TwilioSignature(url, form));
        KeyValuePair<string, string>[] stop = [new("Body", "STOP"), new("From", "+15550009999"), new("To", "+15550100"), new("MessageSid", "SM" + HostileText.Letters(random, 32))];

        var probes = new List<Probe>
        {
            FiveMebibyteUnsignedSms(chunked: false), FiveMebibyteUnsignedSms(chunked: true),
            Post("an unsigned form of 70 KiB", "Body=" + new string('s', 70 * 1024)),
            Post("an unsigned form of 1 MiB, chunked", "Body=" + new string('s', 1024 * 1024), chunked: true),
            Post("1,100 fields", string.Join("&", Enumerable.Repeat("a=1", 1100))),
            Post("a field name of 3,000 characters", new string('n', 3000) + "=1"),
            Post("multipart with a broken boundary", "--other\r\nContent-Disposition: form-data; name=\"Body\"\r\n\r\nSTOP\r\n--other--\r\n", "multipart/form-data; boundary=hostile"),
            Post("multipart without a boundary", "Body=STOP", "multipart/form-data"),
            Post("a form in an unknown charset", "Body=STOP", UrlEncoded + "; charset=hostile"),
            Post("JSON", """{"Body":"STOP","From":"+15550009999"}""", "application/json"),
            Post("text/plain", "Body=STOP&From=%2B15550009999", "text/plain"),
            Post("XML", "<Message><Body>STOP</Body></Message>", "application/xml"),
            new Probe(door, "no body at all", "POST", ApiDoors.SmsWebhook),
            Post("an unsigned STOP", "Body=STOP&From=%2B15550009999"),
            Post("Body=%ED%A0%80", "Body=%ED%A0%80"), Post("Body=%FF", "Body=%FF"), Post("Body=%zz", "Body=%zz"), Post("'%'", "%"),
            Post("'&&&'", "&&&"), Post("'='", "="),
            Signed("a random signature", stop, Convert.ToBase64String(RandomBytes(random, 20))),
            Signed("an empty signature", stop, ""), Signed("the signature '='", stop, "="),
            Signed("a signature of 10 KB", stop, HostileText.Letters(random, 10_000)),
            Signed("markup as the signature", stop, HostileText.Markers[1]),
            Signed("signed for https", stop, HostileText.TwilioSignature(url.Replace("http://", "https://"), stop)),
            Signed("signed for another form", stop, HostileText.TwilioSignature(url, [new("Body", "hello"), new("From", "+15550009999")])),
            Signed("signed and a forged signature in a second header", stop).WithHeader("X-Twilio-Signature", "AAAA"),
        };
        // Signed by the provider's key but hostile in content: answered (TwiML), and nothing may change, as no patient has these numbers.
        List<(string Input, KeyValuePair<string, string>[] Form)> signedOdd =
        [
            ("a STOP from a number nobody registered", stop),
            ("markup in Body and From", [new("Body", HostileText.Markers[0]), new("From", HostileText.Markers[1])]),
            ("a NUL in Body", [new("Body", "ST\0OP"), new("From", "+15550009999")]),
            ("a Body of 60 KB", [new("Body", HostileText.Huge), new("From", "+15550009999")]),
            ("an empty From", [new("Body", "STOP"), new("From", "")]),
            ("markup in To and MessageSid", [new("Body", "STOP"), new("From", "+15550009999"), new("To", HostileText.Markers[2]), new("MessageSid", HostileText.Markers[0])]),
            ("50 more fields", [.. stop, .. Enumerable.Range(0, 50).Select(i => new KeyValuePair<string, string>($"Extra{i}", HostileText.Letters(random, 20)))]),
            .. HostileText.Pick(HostileText.Injections, 8, seed).Select(i => ($"From {HostileText.Show(i, 40)}", new KeyValuePair<string, string>[] { new("Body", "STOP"), new("From", i) })),
        ];
        probes.AddRange(signedOdd.Select(s => Signed($"signed: {s.Input}", s.Form) with { MayBeServed = true }));
        return probes;
    }

    /// <summary>A valid JSON body under every other media type at each JSON door (415); non-form bodies at the form doors.</summary>
    public static IEnumerable<Probe> WrongMediaTypes(HostileHost app)
    {
        string?[] types =
        [
            "text/plain", "text/plain; charset=utf-8", "application/xml", "text/xml", "multipart/form-data; boundary=hostile", UrlEncoded,
            "application/octet-stream", "application/jsonx", "application/json5", "json", "*/*", "application/*", "text/html", "", null,
        ];
        foreach (var target in JsonTarget.All(app))
        {
            var valid = JsonBodies.Compact(target.Template);
            foreach (var type in types.Where(t => !(t == UrlEncoded && target.Door.ReadsForm)))
                yield return (target.Probe($"a valid JSON body as {type ?? "(no Content-Type)"}", valid) with { ContentType = type }).Expecting(415);
            yield return (target.Probe("an XML body", Encoding.UTF8.GetBytes("<body><pain>4</pain></body>")) with { ContentType = "application/xml" }).Expecting(415);
            var multipart = $"--hostile\r\nContent-Disposition: form-data; name=\"body\"\r\nContent-Type: application/json\r\n\r\n{Encoding.UTF8.GetString(valid)}\r\n--hostile--\r\n";
            yield return (target.Probe("a multipart body carrying the JSON", Encoding.UTF8.GetBytes(multipart)) with { ContentType = "multipart/form-data; boundary=hostile" }).Expecting(415);
        }
        foreach (var door in app.Doors.All.Where(d => d.ReadsForm && !d.ReadsJson && d.Method != "GET"))
            foreach (var (type, body) in new (string?, string)[] { ("application/json", "{\"key\":\"x\"}"), ("text/plain", "key=x"), ("application/xml", "<key>x</key>"), (null, "key=x") })
                yield return DoorProbes.Carriers(app, door).First() with { Input = $"a body as {type ?? "(no Content-Type)"}", Body = Encoding.UTF8.GetBytes(body), ContentType = type, MayBeServed = false };
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
