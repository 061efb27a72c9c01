namespace Outcomes.Domain.FollowUps;

/// <summary>Something a clinic reports about a patient after the procedure.</summary>
public enum PatientEventType { Death, NewFracture, Withdrawal, OptOut }

public static class PatientEventTypeCodes
{
    public static readonly WireCodes<PatientEventType> Wire = new("patient event type",
        (PatientEventType.Death, "death"), (PatientEventType.NewFracture, "new_fracture"),
        (PatientEventType.Withdrawal, "withdrawal"), (PatientEventType.OptOut, "opt_out"));

    public static string ToWire(this PatientEventType type) => Wire.Code(type);

    /// <summary>Death, withdrawal and opt-out end all further surveys for the patient; a new fracture is data, not a stop.</summary>
    public static bool StopsSurveys(this PatientEventType type) => type is not PatientEventType.NewFracture;
}
