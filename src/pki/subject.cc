#include "pki/subject.h"

#include <openssl/objects.h>

#include "base/strings.h"
#include "pki/openssl_util.h"

namespace kops::pki {
namespace {

// Go encodes a value as PrintableString when every character allows it.
bool IsPrintable(std::string_view s) {
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              std::string_view(" '()+,-./:=?").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

Status AddEntry(X509_NAME* name, int nid, const std::string& value, int set) {
  int type = IsPrintable(value) ? V_ASN1_PRINTABLESTRING : V_ASN1_UTF8STRING;
  auto* bytes = reinterpret_cast<const unsigned char*>(value.data());
  if (X509_NAME_add_entry_by_NID(name, nid, type, bytes, static_cast<int>(value.size()), -1, set) !=
      1)
    return OpenSslError(Code::kInvalidArgument, "adding \"" + value + "\" to certificate subject");
  return Status::Ok();
}

std::string EntryText(const X509_NAME_ENTRY* entry) {
  const ASN1_STRING* data = X509_NAME_ENTRY_get_data(entry);
  unsigned char* utf8 = nullptr;
  int len = ASN1_STRING_to_UTF8(&utf8, data);
  if (len < 0) return "";
  OpenSslBytes owner(utf8);
  return std::string(reinterpret_cast<char*>(utf8), static_cast<size_t>(len));
}

}  // namespace

Result<Subject> ParseSubject(std::string_view text) {
  Subject subject;
  for (const std::string& raw : Split(text, ',')) {
    std::string token = Trim(raw);
    size_t eq = token.find('=');
    if (eq == std::string::npos)
      return InvalidArgument("unrecognized token (expected k=v): \"" + token + "\" in subject \"" +
                             std::string(text) + "\"");
    std::string key = ToLower(token.substr(0, eq));
    std::string value = token.substr(eq + 1);
    if (key == "cn") {
      subject.common_name = value;
    } else if (key == "o") {
      subject.organizations.push_back(value);
    } else {
      return InvalidArgument("unrecognized key \"" + key + "\" in token \"" + token +
                             "\" of subject \"" + std::string(text) + "\"; accepted: cn, o");
    }
  }
  return subject;
}

std::string SubjectToString(const Subject& subject) {
  std::vector<std::string> parts;
  for (const std::string& o : subject.organizations) parts.push_back("o=" + o);
  if (!subject.common_name.empty()) parts.push_back("cn=" + subject.common_name);
  return Join(parts, ",");
}

Status AddToX509Name(const Subject& subject, X509_NAME* name) {
  for (size_t i = 0; i < subject.organizations.size(); ++i)
    RETURN_IF_ERROR(
        AddEntry(name, NID_organizationName, subject.organizations[i], i == 0 ? 0 : -1));
  if (!subject.common_name.empty())
    RETURN_IF_ERROR(AddEntry(name, NID_commonName, subject.common_name, 0));
  return Status::Ok();
}

Subject SubjectFromX509Name(const X509_NAME* name) {
  Subject subject;
  for (int i = 0; i < X509_NAME_entry_count(name); ++i) {
    const X509_NAME_ENTRY* entry = X509_NAME_get_entry(name, i);
    int nid = OBJ_obj2nid(X509_NAME_ENTRY_get_object(entry));
    if (nid == NID_commonName) subject.common_name = EntryText(entry);
    if (nid == NID_organizationName) subject.organizations.push_back(EntryText(entry));
  }
  return subject;
}

}  // namespace kops::pki
