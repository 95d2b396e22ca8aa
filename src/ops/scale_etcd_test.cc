// ScaleEtcd::RemoveMember against a fake etcd (its JSON gateway behind FakeHttpClient):
// the leadership leaves a leading member before it is removed; a follower is removed
// without a transfer; an unlisted member is not removed again.
#include "ops/scale_etcd.h"

#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "base/fake_clock.h"
#include "base/fake_http.h"
#include "instance/etcd_certs.h"
#include "instance/instance_config.h"
#include "store/mem_vfs.h"

namespace kops::ops {
namespace {

namespace local = kops::cloud::local;
using Json = nlohmann::json;

// Members 1=a, 2=b, 3=c on instances 127.0.1.<id> of groups g-a, g-b, g-c.
class FakeEtcdMembers {
 public:
  explicit FakeEtcdMembers(uint64_t leader) : leader(leader) {
    http.SetHandler([this](const HttpRequest& r) { return Handle(r); });
  }

  Json MemberList() const {
    Json members = Json::array();
    for (const auto& [id, name] : members_)
      members.push_back({{"ID", std::to_string(id)},
                         {"name", name},
                         {"peerURLs", {Url(id, port_.second)}},
                         {"clientURLs", {Url(id, port_.first)}}});
    return {{"header", Json::object()}, {"members", members}};
  }
  static std::string Url(uint64_t id, int port) {
    return "https://127.0.1." + std::to_string(id) + ":" + std::to_string(port);
  }

  Result<HttpResponse> Handle(const HttpRequest& r) {
    const std::string path = r.url.substr(r.url.find("/v3/"));
    const std::string endpoint = r.url.substr(0, r.url.find("/v3/"));
    uint64_t self = 0;
    for (const auto& [id, name] : members_)
      if (Url(id, port_.first) == endpoint) self = id;
    if (self == 0) return Unavailable(r.url + ": Couldn't connect to server");
    Json body = r.body.empty() ? Json::object() : Json::parse(r.body);
    Json out;
    if (path == "/v3/cluster/member/list") {
      out = MemberList();
    } else if (path == "/v3/maintenance/status") {
      out = {{"header", {{"member_id", std::to_string(self)}}}, {"leader", std::to_string(leader)}};
    } else if (path == "/v3/maintenance/transfer-leadership") {
      if (self != leader) return FakeHttpClient::Respond(503, R"({"error":"not leader","code":14})");
      leader = std::stoull(body["targetID"].get<std::string>());
      ops.push_back("leader -> " + members_.at(leader));
      out = {{"header", Json::object()}};
    } else if (path == "/v3/cluster/member/remove") {
      uint64_t id = std::stoull(body["ID"].get<std::string>());
      ops.push_back("remove " + members_.at(id) + (id == leader ? " (leading)" : ""));
      members_.erase(id);
      out = MemberList();
    } else if (path == "/v3/maintenance/alarm" || path == "/v3/kv/range") {
      out = {{"header", Json::object()}};
    } else {
      return FakeHttpClient::Respond(404, "");
    }
    return FakeHttpClient::Respond(200, out.dump());
  }

  FakeHttpClient http;
  uint64_t leader;
  std::vector<std::string> ops;

 private:
  std::map<uint64_t, std::string> members_{{1, "a"}, {2, "b"}, {3, "c"}};
  std::pair<int, int> port_ = instance::EtcdPorts("main");
};

LocalCloudFacts ThreeControlPlanes() {
  LocalCloudFacts facts;
  for (int id = 1; id <= 3; ++id) {
    local::InstanceInfo i;
    i.instance.id = "i-" + std::to_string(id);
    i.instance.address = "127.0.1." + std::to_string(id);
    i.instance.state = local::InstanceState::kRunning;
    i.group = std::string("g-") + char('a' + id - 1);
    i.role = "ControlPlane";
    facts.instances.push_back(i);
  }
  return facts;
}

class ScaleEtcdTest : public ::testing::Test {
 protected:
  ScaleEtcdTest()
      : vfs_(store::NewMemVfs("memfs://scale-etcd-" + std::string(::testing::UnitTest::GetInstance()
                                                                      ->current_test_info()
                                                                      ->name()))),
        keystore_(*vfs_, "dev.local") {
    EXPECT_TRUE(keystore_.EnsureCA(instance::EtcdClientsCaName("main")).ok());
  }
  std::unique_ptr<store::Vfs> vfs_;
  store::Keystore keystore_;
  FakeClock clock_;
  std::ostringstream progress_;
};

TEST_F(ScaleEtcdTest, ALeadingMemberHandsTheLeadershipOverBeforeItIsRemoved) {
  FakeEtcdMembers etcd(/*leader=*/3);
  ScaleEtcd scale(etcd.http, keystore_, clock_);
  Status st = scale.RemoveMember("main", "c", "g-c", ThreeControlPlanes(), progress_);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(etcd.ops, (std::vector<std::string>{"leader -> a", "remove c"}));
  EXPECT_NE(progress_.str().find("leadership moved from c to a"), std::string::npos)
      << progress_.str();
  // Its own instance was not asked (it is leaving).
  for (const auto& r : etcd.http.requests()) {
    if (r.url.find("/v3/maintenance/status") != std::string::npos) {
      EXPECT_EQ(r.url.find("127.0.1.3"), std::string::npos) << r.url;
    }
  }
}

TEST_F(ScaleEtcdTest, AFollowerIsRemovedWithoutMovingTheLeadership) {
  FakeEtcdMembers etcd(/*leader=*/1);
  ScaleEtcd scale(etcd.http, keystore_, clock_);
  ASSERT_TRUE(scale.RemoveMember("main", "c", "g-c", ThreeControlPlanes(), progress_).ok());
  EXPECT_EQ(etcd.ops, (std::vector<std::string>{"remove c"}));
  EXPECT_EQ(etcd.leader, 1u);
}

TEST_F(ScaleEtcdTest, AMemberNoLongerListedIsNotRemovedAgain) {
  FakeEtcdMembers etcd(/*leader=*/1);
  ScaleEtcd scale(etcd.http, keystore_, clock_);
  ASSERT_TRUE(scale.RemoveMember("main", "c", "g-c", ThreeControlPlanes(), progress_).ok());
  ASSERT_TRUE(scale.RemoveMember("main", "c", "g-c", ThreeControlPlanes(), progress_).ok());
  EXPECT_EQ(etcd.ops, (std::vector<std::string>{"remove c"}));
  EXPECT_NE(progress_.str().find("member c is not listed"), std::string::npos) << progress_.str();
}

}  // namespace
}  // namespace kops::ops
