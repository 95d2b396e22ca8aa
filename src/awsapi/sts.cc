#include "awsapi/sts.h"

#include "base/strings.h"

namespace kops::awsapi {

std::string CallerIdentity::Partition() const {
  auto parts = Split(arn, ':');
  return parts.size() >= 2 && parts[0] == "arn" ? parts[1] : "";
}

Result<CallerIdentity> StsClient::GetCallerIdentity() {
  ASSIGN_OR_RETURN(XmlElement doc, query_.Call("GetCallerIdentity"));
  const XmlElement* r = doc.Child("GetCallerIdentityResult");
  if (!r) return Internal("sts GetCallerIdentity: response has no GetCallerIdentityResult");
  CallerIdentity id{r->ChildText("Account"), r->ChildText("Arn"), r->ChildText("UserId")};
  if (id.account.empty()) return Internal("sts GetCallerIdentity: response has no Account");
  return id;
}

}  // namespace kops::awsapi
