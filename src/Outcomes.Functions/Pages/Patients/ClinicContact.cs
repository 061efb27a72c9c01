using PhoneNumbers;

namespace Outcomes.Functions.Patients;

/// <summary>
/// Who the patient's survey comes from, as the patient pages and e-mails name it: the clinic's display name and, when
/// the clinic set one, the phone patients may call, kept in E.164 form (<see cref="PhoneE164"/>, for a <c>tel:</c> link)
/// and shown the way the number is written internationally (<see cref="PhoneShown"/>: "+49 30 1234567").
/// </summary>
public sealed record ClinicContact(string Name, string? PhoneE164)
{
    public string? PhoneShown => PhoneE164 is null ? null : Readable(PhoneE164);

    public static ClinicContact Of(Storage.Clinic clinic) => new(clinic.Name, clinic.Phone);

    /// <summary>The number grouped as its country writes it internationally; as stored when its country's plan does not know it.</summary>
    public static string Readable(string e164)
    {
        try
        {
            var number = PhoneNumberUtil.GetInstance().Parse(e164, null);
            return PhoneNumberUtil.GetInstance().IsPossibleNumber(number)
                ? PhoneNumberUtil.GetInstance().Format(number, PhoneNumberFormat.INTERNATIONAL)
                : e164;
        }
        catch (NumberParseException)
        {
            return e164;
        }
    }

    public override string ToString() => $"ClinicContact {{ Name = {Name} }}";
}
