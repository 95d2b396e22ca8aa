// Client: cluster membership.
#include "base/strings.h"
#include "etcd/client.h"

namespace kops::etcd {

Result<MemberListResponse> Client::MemberList() {
  ASSIGN_OR_RETURN(Json j, transport_.Call("/v3/cluster/member/list", Json::object(),
                                           RequestKind::kRead, "member list"));
  return DecodeMemberListResponse(j);
}

Result<MemberAddResponse> Client::MemberAdd(const std::vector<std::string>& peer_urls,
                                            bool as_learner) {
  if (peer_urls.empty()) {
    return InvalidArgument("etcd member add: no peer URLs; expected at least one");
  }
  Json body = {{"peerURLs", peer_urls}};
  if (as_learner) body["isLearner"] = true;
  std::string what =
      std::string(as_learner ? "learner" : "member") + " add " + QuoteList(peer_urls);
  ASSIGN_OR_RETURN(Json j,
                   transport_.Call("/v3/cluster/member/add", body, RequestKind::kWrite, what));
  return DecodeMemberAddResponse(j);
}

Result<MemberListResponse> Client::MemberRemove(uint64_t member_id) {
  Json body = {{"ID", std::to_string(member_id)}};
  ASSIGN_OR_RETURN(Json j, transport_.Call("/v3/cluster/member/remove", body, RequestKind::kWrite,
                                           "member remove " + std::to_string(member_id)));
  return DecodeMemberListResponse(j);
}

Result<MemberListResponse> Client::MemberPromote(uint64_t member_id) {
  Json body = {{"ID", std::to_string(member_id)}};
  ASSIGN_OR_RETURN(Json j, transport_.Call("/v3/cluster/member/promote", body, RequestKind::kWrite,
                                           "member promote " + std::to_string(member_id)));
  return DecodeMemberListResponse(j);
}

}  // namespace kops::etcd
