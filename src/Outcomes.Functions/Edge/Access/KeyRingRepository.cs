using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>Data Protection's key ring kept in the app's storage (<see cref="ISecretKeyRing"/>), shared by every instance.</summary>
internal sealed class KeyRingRepository(ISecretKeyRing ring) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => ring.ReadAll().Select(xml => XElement.Parse(xml)).ToList();

    public void StoreElement(XElement element, string friendlyName) => ring.Store(friendlyName, element.ToString(SaveOptions.DisableFormatting));
}
