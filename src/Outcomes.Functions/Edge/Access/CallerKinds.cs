namespace Outcomes.Functions;

/// <summary>The kinds of caller a route lets in.</summary>
[Flags]
public enum CallerKinds
{
    Admin = 1,
    Clinic = 2,
    Analyst = 4,
}

/// <summary>Endpoint metadata naming who a route lets in; the OpenAPI document reads it to mark the route as bearer-secured.</summary>
public sealed record RequiredCaller(CallerKinds Allowed);
