// FakeAwsCloud: an in-memory AWS for unit tests of rolling updates, served through
// FakeHttpClient. It answers the Query-protocol calls of autoscaling (2011-01-01),
// elasticloadbalancing (2015-12-01) and ec2 (2016-11-15) in AWS's XML, choosing the service
// from the SigV4 credential scope (unsigned requests get 403), with AWS's error codes and
// formats (<ErrorResponse> for autoscaling/elbv2, <Response><Errors> for ec2).
//
// The world only moves when the test calls Step(); one Step:
//   1. targets "draining" at the start of the step are removed; "initial" become "healthy";
//   2. instances "Terminating" leave their group (ec2 state "terminated");
//   3. each group above its desired capacity marks the surplus "Terminating" (instances not
//      on the group's current launch template version first); each group below it launches
//      "Pending" instances (ids i-fake0001, ...; the least used of the group's zones; the
//      group's launch template version resolved from $Latest/$Default);
//   4. every "Pending" instance becomes "InService" (ec2 "running") and is registered
//      "initial" in the group's target groups.
// TerminateInstanceInAutoScalingGroup marks the instance "Terminating" (ec2 "shutting-down")
// and its targets "draining"; DeregisterTargets marks targets "draining".
// World-building methods throw std::invalid_argument on misuse (a bug in the test).
// Thread-safe: every method and every request takes the fake's lock.
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "awsapi/service_config.h"
#include "awsapi/uri.h"
#include "base/fake_http.h"

namespace kops::awsapi {

class FakeAwsCloud {
 public:
  static constexpr char kEndpoint[] = "http://fake-aws.test";
  static constexpr char kRegion[] = "us-test-1";
  static constexpr char kAccount[] = "123456789012";

  struct GroupSpec {
    std::string name;
    int min_size = 0, max_size = 0, desired_capacity = 0;
    std::string launch_template_name;                 // added first with AddLaunchTemplate
    std::string launch_template_version = "$Latest";  // "$Latest", "$Default" or "3"
    bool mixed_instances_policy = false;  // describe the template inside MixedInstancesPolicy
    std::vector<std::string> availability_zones;
    std::vector<std::pair<std::string, std::string>> tags;
    std::vector<std::string> target_group_arns;  // from AddTargetGroup
    std::string instance_type = "t3.medium";
  };

  FakeAwsCloud() : http_([this](const HttpRequest& r) { return Handle(r); }) {}
  FakeAwsCloud(const FakeAwsCloud&) = delete;
  FakeAwsCloud& operator=(const FakeAwsCloud&) = delete;

  FakeHttpClient& http() { return http_; }
  // What a client of this fake is constructed with.
  static ServiceConfig Config() {
    return ServiceConfig{Credentials{"AKIDFAKE", "fake-secret", "", "FakeAwsCloud"}, kRegion,
                         kEndpoint};
  }
  // Items per page of every paged answer (AWS's defaults are 50-1000).
  void set_page_size(int n) {
    std::lock_guard<std::mutex> lock(mu_);
    page_size_ = std::max(1, n);
  }

  // ---- building the world ----
  // Returns the template id ("lt-fake0001", ...).
  std::string AddLaunchTemplate(const std::string& name, int64_t latest_version,
                                int64_t default_version) {
    std::lock_guard<std::mutex> lock(mu_);
    if (templates_.count(name)) throw std::invalid_argument("launch template exists: " + name);
    std::string id = "lt-fake" + Padded(static_cast<int>(templates_.size()) + 1);
    templates_[name] = Template{id, name, latest_version, default_version};
    return id;
  }
  // A new version of the template was published (what `kops update cluster --yes` does).
  void SetLaunchTemplateVersions(const std::string& name, int64_t latest_version,
                                 int64_t default_version) {
    std::lock_guard<std::mutex> lock(mu_);
    Template& t = TemplateNamed(name);
    t.latest = latest_version;
    t.def = default_version;
  }
  // Returns the group's ARN.
  std::string AddGroup(const GroupSpec& spec) {
    std::lock_guard<std::mutex> lock(mu_);
    if (groups_.count(spec.name)) throw std::invalid_argument("group exists: " + spec.name);
    if (!spec.launch_template_name.empty()) TemplateNamed(spec.launch_template_name);
    if (spec.availability_zones.empty())
      throw std::invalid_argument("group " + spec.name + " has no availability zones");
    for (const auto& arn : spec.target_group_arns) TargetGroupWithArn(arn);
    Group& g = groups_[spec.name];
    g.spec = spec;
    g.arn = std::string("arn:aws:autoscaling:") + kRegion + ":" + kAccount +
            ":autoScalingGroup:fake-" + Padded(static_cast<int>(groups_.size())) +
            ":autoScalingGroupName/" + spec.name;
    return g.arn;
  }
  // An instance already in group; InService ones are registered "healthy" in its target groups.
  void AddInstance(const std::string& group, const std::string& id, const std::string& zone,
                   int64_t launch_template_version, const std::string& lifecycle = "InService",
                   const std::string& private_dns_name = "") {
    std::lock_guard<std::mutex> lock(mu_);
    Group& g = GroupNamed(group);
    if (FindInstance(id)) throw std::invalid_argument("instance exists: " + id);
    if (lifecycle != "InService" && lifecycle != "Pending" && lifecycle != "Terminating")
      throw std::invalid_argument("lifecycle must be InService, Pending or Terminating: " +
                                  lifecycle);
    Instance& i = NewInstance(g, id, zone, launch_template_version, lifecycle);
    if (!private_dns_name.empty()) i.private_dns = private_dns_name;
    if (lifecycle == "InService")
      for (const auto& arn : g.spec.target_group_arns)
        SetTarget(TargetGroupWithArn(arn), id, "healthy");
  }
  // Returns the load balancer's ARN (a network load balancer, active).
  std::string AddLoadBalancer(const std::string& name, const std::string& dns_name) {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& lb : lbs_)
      if (lb.name == name) throw std::invalid_argument("load balancer exists: " + name);
    std::string arn = std::string("arn:aws:elasticloadbalancing:") + kRegion + ":" + kAccount +
                      ":loadbalancer/net/" + name + "/fake" + Padded(lbs_.size() + 1);
    lbs_.push_back(LoadBalancer{arn, name, dns_name});
    return arn;
  }
  // Returns the target group's ARN; it forwards from the load balancer named lb_name.
  std::string AddTargetGroup(const std::string& lb_name, const std::string& name, int port = 443) {
    std::lock_guard<std::mutex> lock(mu_);
    const LoadBalancer* lb = nullptr;
    for (const auto& l : lbs_)
      if (l.name == lb_name) lb = &l;
    if (!lb) throw std::invalid_argument("no load balancer " + lb_name);
    std::string arn = std::string("arn:aws:elasticloadbalancing:") + kRegion + ":" + kAccount +
                      ":targetgroup/" + name + "/fake" + Padded(tgs_.size() + 1);
    tgs_.push_back(TargetGroupState{arn, name, lb->arn, port, {}});
    return arn;
  }
  // Sets (or registers with) a target's state: "initial", "healthy", "unhealthy", "draining"...
  void SetTargetHealth(const std::string& target_group_arn, const std::string& id,
                       const std::string& state) {
    std::lock_guard<std::mutex> lock(mu_);
    SetTarget(TargetGroupWithArn(target_group_arn), id, state);
  }
  // "Healthy" or "Unhealthy" as the group reports it.
  void SetInstanceHealth(const std::string& id, const std::string& health) {
    std::lock_guard<std::mutex> lock(mu_);
    Instance* i = FindInstance(id);
    if (!i) throw std::invalid_argument("no instance " + id);
    i->health = health;
  }
  // The next `times` calls of action answer this error instead.
  void FailAction(const std::string& action, int http_status, const std::string& code,
                  const std::string& message, int times = 1) {
    std::lock_guard<std::mutex> lock(mu_);
    failures_[action] = Failure{http_status, code, message, times};
  }

  // One tick of AWS (see the top of this file).
  void Step() {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto& tg : tgs_) {
      std::vector<Target> kept;
      for (auto& t : tg.targets) {
        if (t.state == "draining") continue;
        if (t.state == "initial") t.state = "healthy";
        kept.push_back(t);
      }
      tg.targets = std::move(kept);
    }
    for (auto& i : instances_) {
      if (i.lifecycle != "Terminating") continue;
      i.lifecycle = "";
      i.ec2_state = "terminated";
    }
    for (auto& [name, g] : groups_) {
      std::vector<Instance*> live = Live(g);
      int64_t current = ResolveVersion(g.spec);
      for (int n = static_cast<int>(live.size()) - g.spec.desired_capacity; n > 0; --n) {
        auto victim = std::find_if(live.begin(), live.end(),
                                   [&](Instance* i) { return i->lt_version != current; });
        if (victim == live.end()) victim = live.begin();
        BeginTermination(g, **victim);
        live.erase(victim);
      }
      for (int n = g.spec.desired_capacity - static_cast<int>(live.size()); n > 0; --n) {
        std::string id = "i-fake" + Padded(++launched_);
        live.push_back(&NewInstance(g, id, LeastUsedZone(g), current, "Pending"));
      }
    }
    for (auto& i : instances_) {
      if (i.lifecycle != "Pending") continue;
      i.lifecycle = "InService";
      i.ec2_state = "running";
      for (const auto& arn : GroupNamed(i.group).spec.target_group_arns)
        SetTarget(TargetGroupWithArn(arn), i.id, "initial");
    }
  }

  // ---- looking at the world ----
  // Every Action received, in order.
  std::vector<std::string> calls() const {
    std::lock_guard<std::mutex> lock(mu_);
    return calls_;
  }
  int CallCount(const std::string& action) const {
    std::lock_guard<std::mutex> lock(mu_);
    return static_cast<int>(std::count(calls_.begin(), calls_.end(), action));
  }
  // The group's maximum size now.
  int MaxSize(const std::string& group) {
    std::lock_guard<std::mutex> lock(mu_);
    return GroupNamed(group).spec.max_size;
  }

  int DesiredCapacity(const std::string& group) {
    std::lock_guard<std::mutex> lock(mu_);
    return GroupNamed(group).spec.desired_capacity;
  }
  // Ids of the group's instances (any lifecycle state), oldest first.
  std::vector<std::string> GroupInstances(const std::string& group) {
    std::lock_guard<std::mutex> lock(mu_);
    GroupNamed(group);
    std::vector<std::string> out;
    for (const auto& i : instances_)
      if (i.group == group && !i.lifecycle.empty()) out.push_back(i.id);
    return out;
  }
  // "" once the instance left its group (or never existed).
  std::string LifecycleState(const std::string& id) const {
    std::lock_guard<std::mutex> lock(mu_);
    const Instance* i = FindInstance(id);
    return i ? i->lifecycle : "";
  }
  std::string Ec2State(const std::string& id) const {
    std::lock_guard<std::mutex> lock(mu_);
    const Instance* i = FindInstance(id);
    return i ? i->ec2_state : "";
  }
  int64_t InstanceLaunchTemplateVersion(const std::string& id) const {
    std::lock_guard<std::mutex> lock(mu_);
    const Instance* i = FindInstance(id);
    return i ? i->lt_version : 0;
  }
  // "" when the target is not registered.
  std::string TargetState(const std::string& target_group_arn, const std::string& id) {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& t : TargetGroupWithArn(target_group_arn).targets)
      if (t.id == id) return t.state;
    return "";
  }

 private:
  struct Template {
    std::string id, name;
    int64_t latest = 0, def = 0;
  };
  struct Instance {
    std::string id, group, zone;
    int64_t lt_version = 0;
    std::string lifecycle;  // "" once gone from the group
    std::string health = "Healthy";
    std::string ec2_state;
    std::string private_dns, private_ip;
  };
  struct Group {
    GroupSpec spec;
    std::string arn;
  };
  struct LoadBalancer {
    std::string arn, name, dns;
  };
  struct Target {
    std::string id, state;
  };
  struct TargetGroupState {
    std::string arn, name, lb_arn;
    int port = 0;
    std::vector<Target> targets;
  };
  struct Failure {
    int status = 0;
    std::string code, message;
    int times = 0;
  };
  // A failed call: status, error code, message.
  struct Error {
    int status;
    std::string code, message;
  };
  using Form = std::map<std::string, std::string>;

  static std::string Padded(size_t n) {
    std::string s = std::to_string(n);
    return std::string(s.size() < 4 ? 4 - s.size() : 0, '0') + s;
  }
  static std::string Esc(const std::string& s) {
    std::string out;
    for (char c : s) {
      switch (c) {
        case '&':
          out += "&amp;";
          break;
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";
          break;
        case '"':
          out += "&quot;";
          break;
        default:
          out += c;
      }
    }
    return out;
  }
  static std::string El(const std::string& name, const std::string& value) {
    return "<" + name + ">" + Esc(value) + "</" + name + ">";
  }
  static std::string Members(const std::string& name, const std::vector<std::string>& values) {
    std::string out = "<" + name + ">";
    for (const auto& v : values) out += El("member", v);
    return out + "</" + name + ">";
  }

  // ---- world helpers (mu_ held) ----
  Template& TemplateNamed(const std::string& name) {
    auto it = templates_.find(name);
    if (it == templates_.end()) throw std::invalid_argument("no launch template " + name);
    return it->second;
  }
  Group& GroupNamed(const std::string& name) {
    auto it = groups_.find(name);
    if (it == groups_.end()) throw std::invalid_argument("no group " + name);
    return it->second;
  }
  TargetGroupState& TargetGroupWithArn(const std::string& arn) {
    for (auto& tg : tgs_)
      if (tg.arn == arn) return tg;
    throw std::invalid_argument("no target group " + arn);
  }
  TargetGroupState* FindTargetGroup(const std::string& arn) {
    for (auto& tg : tgs_)
      if (tg.arn == arn) return &tg;
    return nullptr;
  }
  Instance* FindInstance(const std::string& id) {
    for (auto& i : instances_)
      if (i.id == id) return &i;
    return nullptr;
  }
  const Instance* FindInstance(const std::string& id) const {
    for (const auto& i : instances_)
      if (i.id == id) return &i;
    return nullptr;
  }
  static void SetTarget(TargetGroupState& tg, const std::string& id, const std::string& state) {
    for (auto& t : tg.targets)
      if (t.id == id) {
        t.state = state;
        return;
      }
    tg.targets.push_back(Target{id, state});
  }
  int64_t ResolveVersion(const GroupSpec& spec) {
    if (spec.launch_template_name.empty()) return 0;
    const Template& t = TemplateNamed(spec.launch_template_name);
    if (spec.launch_template_version == "$Latest") return t.latest;
    if (spec.launch_template_version == "$Default") return t.def;
    return std::stoll(spec.launch_template_version);
  }
  Instance& NewInstance(Group& g, const std::string& id, const std::string& zone, int64_t version,
                        const std::string& lifecycle) {
    int n = ++addresses_;
    std::string ip = "10.0." + std::to_string(n / 250) + "." + std::to_string(n % 250 + 4);
    Instance i;
    i.id = id;
    i.group = g.spec.name;
    i.zone = zone;
    i.lt_version = version;
    i.lifecycle = lifecycle;
    i.ec2_state = lifecycle == "Pending"       ? "pending"
                  : lifecycle == "Terminating" ? "shutting-down"
                                               : "running";
    i.private_ip = ip;
    i.private_dns = "ip-" + ip + "." + kRegion + ".compute.internal";
    std::replace(i.private_dns.begin(), i.private_dns.begin() + 3 + ip.size(), '.', '-');
    instances_.push_back(i);
    return instances_.back();
  }
  // InService and Pending instances of g.
  std::vector<Instance*> Live(const Group& g) {
    std::vector<Instance*> out;
    for (auto& i : instances_)
      if (i.group == g.spec.name && (i.lifecycle == "InService" || i.lifecycle == "Pending"))
        out.push_back(&i);
    return out;
  }
  std::string LeastUsedZone(const Group& g) {
    std::string best;
    size_t best_count = 0;
    for (const auto& zone : g.spec.availability_zones) {
      size_t count = 0;
      for (const auto& i : instances_)
        if (i.group == g.spec.name && !i.lifecycle.empty() && i.lifecycle != "Terminating" &&
            i.zone == zone)
          ++count;
      if (best.empty() || count < best_count) {
        best = zone;
        best_count = count;
      }
    }
    return best;
  }
  void BeginTermination(const Group& g, Instance& i) {
    i.lifecycle = "Terminating";
    i.ec2_state = "shutting-down";
    for (const auto& arn : g.spec.target_group_arns)
      for (auto& t : TargetGroupWithArn(arn).targets)
        if (t.id == i.id) t.state = "draining";
  }

  // ---- the wire (mu_ held) ----
  static Form ParseForm(const std::string& body) {
    Form form;
    size_t start = 0;
    while (start < body.size()) {
      size_t amp = body.find('&', start);
      std::string part = body.substr(start, amp == std::string::npos ? amp : amp - start);
      size_t eq = part.find('=');
      form[UriDecode(part.substr(0, eq))] =
          eq == std::string::npos ? "" : UriDecode(part.substr(eq + 1));
      if (amp == std::string::npos) break;
      start = amp + 1;
    }
    return form;
  }
  // prefix.1, prefix.2, ... until the first missing index.
  static std::vector<std::string> List(const Form& form, const std::string& prefix) {
    std::vector<std::string> out;
    for (int n = 1;; ++n) {
      auto it = form.find(prefix + "." + std::to_string(n));
      if (it == form.end()) return out;
      out.push_back(it->second);
    }
  }
  static std::string Get(const Form& form, const std::string& name) {
    auto it = form.find(name);
    return it == form.end() ? "" : it->second;
  }
  // The service of the SigV4 credential scope (AK/date/region/service/aws4_request).
  static std::string ScopeService(const HttpRequest& r) {
    std::string auth = FakeHttpClient::RequestHeader(r, "authorization");
    size_t at = auth.find("Credential=");
    if (at == std::string::npos) return "";
    std::string scope = auth.substr(at + 11, auth.find(',', at) - at - 11);
    std::vector<std::string> parts;
    size_t start = 0;
    for (size_t slash; (slash = scope.find('/', start)) != std::string::npos; start = slash + 1)
      parts.push_back(scope.substr(start, slash - start));
    parts.push_back(scope.substr(start));
    return parts.size() == 5 && parts[4] == "aws4_request" ? parts[3] : "";
  }
  std::string NextRequestId() { return "fake-request-" + std::to_string(++requests_); }

  HttpResponse ErrorResponse(const std::string& service, const Error& e) {
    std::string id = NextRequestId();
    std::string body = service == "ec2"
                           ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error>" +
                                 El("Code", e.code) + El("Message", e.message) +
                                 "</Error></Errors>" + El("RequestID", id) + "</Response>"
                           : "<ErrorResponse xmlns=\"" + Namespace(service) +
                                 "\"><Error><Type>Sender</Type>" + El("Code", e.code) +
                                 El("Message", e.message) + "</Error>" + El("RequestId", id) +
                                 "</ErrorResponse>";
    return HttpResponse{e.status, {{"content-type", "text/xml"}, {"x-amzn-requestid", id}}, body};
  }
  static std::string Namespace(const std::string& service) {
    if (service == "autoscaling") return "http://autoscaling.amazonaws.com/doc/2011-01-01/";
    if (service == "ec2") return "http://ec2.amazonaws.com/doc/2016-11-15/";
    return "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
  }
  // <ActionResponse><ActionResult>result</ActionResult><ResponseMetadata>... (ec2: no Result
  // wrapper, a requestId first). result "" with no_result: no Result element at all.
  HttpResponse Ok(const std::string& service, const std::string& action, const std::string& result,
                  bool no_result = false) {
    std::string id = NextRequestId();
    std::string open = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><" + action +
                       "Response xmlns=\"" + Namespace(service) + "\">";
    std::string close = "</" + action + "Response>";
    if (service == "ec2") return HttpResponse{200, {}, open + El("requestId", id) + result + close};
    std::string body = open;
    if (!no_result) body += "<" + action + "Result>" + result + "</" + action + "Result>";
    body += "<ResponseMetadata>" + El("RequestId", id) + "</ResponseMetadata>" + close;
    return HttpResponse{200, {}, body};
  }
  // The page of items starting at token (an index) of page size limit; next is the token of
  // the following page, "" at the end.
  struct Page {
    size_t begin = 0, end = 0;
    std::string next;
  };
  Result<Page> Paginate(size_t count, const std::string& token, const std::string& limit) {
    Page p;
    if (!token.empty()) {
      if (token.rfind("fake-token-", 0) != 0) return InvalidArgument(token);
      try {
        p.begin = std::stoul(token.substr(11));
      } catch (...) {
        return InvalidArgument(token);
      }
      if (p.begin > count) return InvalidArgument(token);
    }
    size_t size = static_cast<size_t>(page_size_);
    if (!limit.empty()) {
      try {
        size = std::min(size, static_cast<size_t>(std::max(1, std::stoi(limit))));
      } catch (...) {
        return InvalidArgument(limit);
      }
    }
    p.end = std::min(count, p.begin + size);
    if (p.end < count) p.next = "fake-token-" + std::to_string(p.end);
    return p;
  }

  Result<HttpResponse> Handle(const HttpRequest& r) {
    std::lock_guard<std::mutex> lock(mu_);
    std::string service = ScopeService(r);
    if (service.empty())
      return ErrorResponse(
          "", Error{403, "MissingAuthenticationToken", "Request is missing Authentication Token"});
    static const std::map<std::string, std::string> kVersions = {
        {"autoscaling", "2011-01-01"},
        {"elasticloadbalancing", "2015-12-01"},
        {"ec2", "2016-11-15"}};
    auto version = kVersions.find(service);
    if (version == kVersions.end())
      return ErrorResponse("", Error{400, "UnsupportedOperation",
                                     "FakeAwsCloud serves autoscaling, elasticloadbalancing and "
                                     "ec2, not " +
                                         service});
    Form form = ParseForm(r.body);
    std::string action = Get(form, "Action");
    calls_.push_back(action);
    if (r.method != "POST")
      return ErrorResponse(service, Error{400, "InvalidAction", "Query calls are POSTs"});
    if (Get(form, "Version") != version->second)
      return ErrorResponse(service, Error{400, "NoSuchVersion",
                                          "The requested version (" + Get(form, "Version") +
                                              ") of service " + service + " does not exist"});
    auto failure = failures_.find(action);
    if (failure != failures_.end() && failure->second.times > 0) {
      --failure->second.times;
      return ErrorResponse(
          service, Error{failure->second.status, failure->second.code, failure->second.message});
    }
    return Dispatch(service, action, form);
  }

  Result<HttpResponse> Dispatch(const std::string& service, const std::string& action,
                                const Form& form) {
    auto run = [&](auto fn) -> HttpResponse {
      auto res = (this->*fn)(form);
      if (!res.ok) return ErrorResponse(service, res.error);
      return Ok(service, action, res.body, res.no_result);
    };
    if (service == "autoscaling") {
      if (action == "DescribeAutoScalingGroups") return run(&FakeAwsCloud::DescribeGroups);
      if (action == "TerminateInstanceInAutoScalingGroup") return run(&FakeAwsCloud::Terminate);
      if (action == "SetDesiredCapacity") return run(&FakeAwsCloud::SetDesired);
      if (action == "UpdateAutoScalingGroup") return run(&FakeAwsCloud::UpdateGroup);
    } else if (service == "elasticloadbalancing") {
      if (action == "DescribeLoadBalancers") return run(&FakeAwsCloud::DescribeLbs);
      if (action == "DescribeTargetGroups") return run(&FakeAwsCloud::DescribeTgs);
      if (action == "DescribeTargetHealth") return run(&FakeAwsCloud::DescribeHealth);
      if (action == "RegisterTargets") return run(&FakeAwsCloud::Register);
      if (action == "DeregisterTargets") return run(&FakeAwsCloud::Deregister);
    } else if (service == "ec2") {
      if (action == "DescribeInstances") return run(&FakeAwsCloud::DescribeInstances);
      if (action == "DescribeLaunchTemplates") return run(&FakeAwsCloud::DescribeTemplates);
    }
    return ErrorResponse(service, Error{400, "UnsupportedOperation",
                                        "FakeAwsCloud does not implement " + service + " " +
                                            (action.empty() ? "(no Action)" : action)});
  }

  // What an action handler produced: the inside of its Result element, or an error.
  struct Answer {
    bool ok = true;
    std::string body;
    bool no_result = false;
    Error error{0, "", ""};
  };
  static Answer Fail(int status, const std::string& code, const std::string& message) {
    Answer a;
    a.ok = false;
    a.error = Error{status, code, message};
    return a;
  }
  static Answer Body(std::string body) {
    Answer a;
    a.body = std::move(body);
    return a;
  }

  // ---- autoscaling ----
  bool GroupMatches(const Group& g, const std::string& filter,
                    const std::vector<std::string>& values) {
    auto in = [&](const std::string& v) {
      return std::find(values.begin(), values.end(), v) != values.end();
    };
    for (const auto& [k, v] : g.spec.tags) {
      if (filter == "tag-key" && in(k)) return true;
      if (filter == "tag-value" && in(v)) return true;
      if (filter == "tag:" + k && in(v)) return true;
    }
    return false;
  }
  std::string TemplateXml(const std::string& name, const std::string& version) {
    const Template& t = TemplateNamed(name);
    return El("LaunchTemplateId", t.id) + El("LaunchTemplateName", t.name) + El("Version", version);
  }
  std::string GroupXml(const Group& g) {
    const GroupSpec& s = g.spec;
    std::string x =
        "<member>" + El("AutoScalingGroupName", s.name) + El("AutoScalingGroupARN", g.arn);
    if (!s.launch_template_name.empty()) {
      std::string spec = TemplateXml(s.launch_template_name, s.launch_template_version);
      if (s.mixed_instances_policy)
        x += "<MixedInstancesPolicy><LaunchTemplate><LaunchTemplateSpecification>" + spec +
             "</LaunchTemplateSpecification><Overrides><member>" +
             El("InstanceType", s.instance_type) +
             "</member></Overrides></LaunchTemplate><InstancesDistribution>"
             "<OnDemandPercentageAboveBaseCapacity>100</OnDemandPercentageAboveBaseCapacity>"
             "</InstancesDistribution></MixedInstancesPolicy>";
      else
        x += "<LaunchTemplate>" + spec + "</LaunchTemplate>";
    }
    x += El("MinSize", std::to_string(s.min_size)) + El("MaxSize", std::to_string(s.max_size)) +
         El("DesiredCapacity", std::to_string(s.desired_capacity)) +
         "<DefaultCooldown>300</DefaultCooldown>" +
         Members("AvailabilityZones", s.availability_zones) + "<LoadBalancerNames/>" +
         Members("TargetGroupARNs", s.target_group_arns) +
         "<HealthCheckType>EC2</HealthCheckType><Instances>";
    for (const auto& i : instances_) {
      if (i.group != s.name || i.lifecycle.empty()) continue;
      x += "<member>" + El("InstanceId", i.id) + El("InstanceType", s.instance_type) +
           El("AvailabilityZone", i.zone) + El("LifecycleState", i.lifecycle) +
           El("HealthStatus", i.health);
      if (!s.launch_template_name.empty())
        x += "<LaunchTemplate>" +
             TemplateXml(s.launch_template_name, std::to_string(i.lt_version)) +
             "</LaunchTemplate>";
      x += "<ProtectedFromScaleIn>false</ProtectedFromScaleIn></member>";
    }
    x += "</Instances><Tags>";
    for (const auto& [k, v] : s.tags)
      x += "<member>" + El("ResourceId", s.name) +
           "<ResourceType>auto-scaling-group</ResourceType>" + El("Key", k) + El("Value", v) +
           "<PropagateAtLaunch>true</PropagateAtLaunch></member>";
    return x + "</Tags></member>";
  }
  Answer DescribeGroups(const Form& form) {
    std::vector<std::string> names = List(form, "AutoScalingGroupNames.member");
    std::vector<const Group*> selected;
    for (const auto& [name, g] : groups_) {
      if (!names.empty() && std::find(names.begin(), names.end(), name) == names.end()) continue;
      bool match = true;
      for (int n = 1; match; ++n) {
        std::string p = "Filters.member." + std::to_string(n);
        if (!form.count(p + ".Name")) break;
        std::string filter = Get(form, p + ".Name");
        if (filter != "tag-key" && filter != "tag-value" && filter.rfind("tag:", 0) != 0)
          return Fail(400, "ValidationError", "Filter name '" + filter + "' is invalid");
        match = GroupMatches(g, filter, List(form, p + ".Values.member"));
      }
      if (match) selected.push_back(&g);
    }
    auto page = Paginate(selected.size(), Get(form, "NextToken"), Get(form, "MaxRecords"));
    if (!page.ok())
      return Fail(400, "InvalidNextToken",
                  "The token '" + page.status().message() + "' is invalid.");
    std::string x = "<AutoScalingGroups>";
    for (size_t n = page->begin; n < page->end; ++n) x += GroupXml(*selected[n]);
    x += "</AutoScalingGroups>";
    if (!page->next.empty()) x += El("NextToken", page->next);
    return Body(x);
  }
  Answer Terminate(const Form& form) {
    std::string id = Get(form, "InstanceId");
    std::string decrement = Get(form, "ShouldDecrementDesiredCapacity");
    if (decrement != "true" && decrement != "false")
      return Fail(400, "ValidationError",
                  "1 validation error detected: Value '" + decrement +
                      "' at 'shouldDecrementDesiredCapacity' failed to satisfy constraint: "
                      "Member must be true or false");
    Instance* i = FindInstance(id);
    if (!i || i->lifecycle.empty())
      return Fail(400, "ValidationError",
                  "Instance Id not found - No managed instance found for instance ID: " + id);
    Group& g = GroupNamed(i->group);
    if (i->lifecycle != "Terminating") {
      if (decrement == "true") {
        if (g.spec.desired_capacity <= g.spec.min_size)
          return Fail(400, "ValidationError",
                      "Currently, desiredSize equals minSize (" + std::to_string(g.spec.min_size) +
                          "). Terminating instance without replacement will violate group's min "
                          "size constraint. Either set shouldDecrementDesiredCapacity flag to "
                          "false or lower group's min size.");
        --g.spec.desired_capacity;
      }
      BeginTermination(g, *i);
    }
    return Body("<Activity>" + El("ActivityId", "fake-activity-" + std::to_string(requests_)) +
                El("AutoScalingGroupName", g.spec.name) +
                El("Description", "Terminating EC2 instance: " + id) +
                "<StatusCode>InProgress</StatusCode><Progress>0</Progress></Activity>");
  }
  Answer SetDesired(const Form& form) {
    std::string name = Get(form, "AutoScalingGroupName");
    std::string text = Get(form, "DesiredCapacity");
    auto it = groups_.find(name);
    if (it == groups_.end())
      return Fail(400, "ValidationError", "AutoScalingGroup name not found - " + name);
    int desired = 0;
    try {
      size_t used = 0;
      desired = std::stoi(text, &used);
      if (used != text.size()) throw std::invalid_argument(text);
    } catch (...) {
      return Fail(400, "ValidationError",
                  "1 validation error detected: Value '" + text +
                      "' at 'desiredCapacity' failed to satisfy constraint: Member must be an "
                      "integer");
    }
    GroupSpec& s = it->second.spec;
    if (desired > s.max_size)
      return Fail(400, "ValidationError",
                  "New SetDesiredCapacity value " + text + " is above max value " +
                      std::to_string(s.max_size) + " for the AutoScalingGroup.");
    if (desired < s.min_size)
      return Fail(400, "ValidationError",
                  "New SetDesiredCapacity value " + text + " is below min value " +
                      std::to_string(s.min_size) + " for the AutoScalingGroup.");
    s.desired_capacity = desired;
    Answer a;
    a.no_result = true;
    return a;
  }

  // Sizes given are checked together as AWS does: min <= desired <= max.
  Answer UpdateGroup(const Form& form) {
    std::string name = Get(form, "AutoScalingGroupName");
    auto it = groups_.find(name);
    if (it == groups_.end())
      return Fail(400, "ValidationError", "AutoScalingGroup name not found - " + name);
    GroupSpec next = it->second.spec;
    for (auto [field, target] : {std::pair<const char*, int*>{"MinSize", &next.min_size},
                                 {"MaxSize", &next.max_size},
                                 {"DesiredCapacity", &next.desired_capacity}}) {
      std::string text = Get(form, field);
      if (text.empty()) continue;
      try {
        size_t used = 0;
        *target = std::stoi(text, &used);
        if (used != text.size()) throw std::invalid_argument(text);
      } catch (...) {
        return Fail(400, "ValidationError", std::string("Value '") + text + "' at '" + field +
                                                "' failed to satisfy constraint: Member must be an integer");
      }
    }
    if (next.min_size > next.max_size)
      return Fail(400, "ValidationError", "Max bound, " + std::to_string(next.max_size) +
                                              ", must be greater than or equal to min bound, " +
                                              std::to_string(next.min_size));
    if (next.desired_capacity > next.max_size || next.desired_capacity < next.min_size)
      return Fail(400, "ValidationError", "Desired capacity:" + std::to_string(next.desired_capacity) +
                                              " must be between the specified min size:" +
                                              std::to_string(next.min_size) + " and max size:" +
                                              std::to_string(next.max_size));
    it->second.spec = next;
    Answer a;
    a.no_result = true;
    return a;
  }
  // ---- elasticloadbalancing ----
  Answer DescribeLbs(const Form& form) {
    std::vector<std::string> names = List(form, "Names.member");
    std::vector<const LoadBalancer*> selected;
    for (const auto& name : names) {
      auto it = std::find_if(lbs_.begin(), lbs_.end(),
                             [&](const LoadBalancer& lb) { return lb.name == name; });
      if (it == lbs_.end())
        return Fail(400, "LoadBalancerNotFound", "Load balancers '[" + name + "]' not found");
      selected.push_back(&*it);
    }
    if (names.empty())
      for (const auto& lb : lbs_) selected.push_back(&lb);
    auto page = Paginate(selected.size(), Get(form, "Marker"), Get(form, "PageSize"));
    if (!page.ok())
      return Fail(400, "ValidationError", "Invalid Marker " + page.status().message());
    std::string x = "<LoadBalancers>";
    for (size_t n = page->begin; n < page->end; ++n) {
      const LoadBalancer& lb = *selected[n];
      x += "<member>" + El("LoadBalancerArn", lb.arn) + El("DNSName", lb.dns) +
           El("LoadBalancerName", lb.name) +
           "<Scheme>internet-facing</Scheme><VpcId>vpc-fake</VpcId><State><Code>active</Code>"
           "</State><Type>network</Type><IpAddressType>ipv4</IpAddressType></member>";
    }
    x += "</LoadBalancers>";
    if (!page->next.empty()) x += El("NextMarker", page->next);
    return Body(x);
  }
  Answer DescribeTgs(const Form& form) {
    std::string lb_arn = Get(form, "LoadBalancerArn");
    if (!lb_arn.empty() && std::none_of(lbs_.begin(), lbs_.end(),
                                        [&](const LoadBalancer& lb) { return lb.arn == lb_arn; }))
      return Fail(400, "LoadBalancerNotFound", "Load balancer '" + lb_arn + "' not found");
    std::vector<std::string> arns = List(form, "TargetGroupArns.member");
    for (const auto& arn : arns)
      if (!FindTargetGroup(arn))
        return Fail(400, "TargetGroupNotFound", "Target groups '" + arn + "' not found");
    std::vector<const TargetGroupState*> selected;
    for (const auto& tg : tgs_)
      if ((lb_arn.empty() || tg.lb_arn == lb_arn) &&
          (arns.empty() || std::find(arns.begin(), arns.end(), tg.arn) != arns.end()))
        selected.push_back(&tg);
    auto page = Paginate(selected.size(), Get(form, "Marker"), Get(form, "PageSize"));
    if (!page.ok())
      return Fail(400, "ValidationError", "Invalid Marker " + page.status().message());
    std::string x = "<TargetGroups>";
    for (size_t n = page->begin; n < page->end; ++n) {
      const TargetGroupState& tg = *selected[n];
      x += "<member>" + El("TargetGroupArn", tg.arn) + El("TargetGroupName", tg.name) +
           "<Protocol>TCP</Protocol>" + El("Port", std::to_string(tg.port)) +
           "<VpcId>vpc-fake</VpcId><HealthCheckProtocol>TCP</HealthCheckProtocol>"
           "<TargetType>instance</TargetType>" +
           Members("LoadBalancerArns", {tg.lb_arn}) + "</member>";
    }
    x += "</TargetGroups>";
    if (!page->next.empty()) x += El("NextMarker", page->next);
    return Body(x);
  }
  Answer DescribeHealth(const Form& form) {
    std::string arn = Get(form, "TargetGroupArn");
    TargetGroupState* tg = FindTargetGroup(arn);
    if (!tg) return Fail(400, "TargetGroupNotFound", "Target groups '" + arn + "' not found");
    static const std::map<std::string, std::pair<std::string, std::string>> kReasons = {
        {"initial", {"Elb.RegistrationInProgress", "Target registration is in progress"}},
        {"draining", {"Target.DeregistrationInProgress", "Target deregistration is in progress"}},
        {"unhealthy", {"Target.FailedHealthChecks", "Health checks failed"}},
        {"unused", {"Target.NotInUse", "Target group is not configured to receive traffic"}},
        {"unavailable", {"Elb.InternalError", "Health checks failed due to an internal error"}}};
    std::string x = "<TargetHealthDescriptions>";
    for (const auto& t : tg->targets) {
      x += "<member><Target>" + El("Id", t.id) + El("Port", std::to_string(tg->port)) +
           "</Target>" + El("HealthCheckPort", std::to_string(tg->port)) + "<TargetHealth>" +
           El("State", t.state);
      auto reason = kReasons.find(t.state);
      if (reason != kReasons.end())
        x += El("Reason", reason->second.first) + El("Description", reason->second.second);
      x += "</TargetHealth></member>";
    }
    return Body(x + "</TargetHealthDescriptions>");
  }
  // The Targets.member.N.Id of a Register/DeregisterTargets call.
  static std::vector<std::string> TargetIds(const Form& form) {
    std::vector<std::string> ids;
    for (int n = 1;; ++n) {
      auto it = form.find("Targets.member." + std::to_string(n) + ".Id");
      if (it == form.end()) return ids;
      ids.push_back(it->second);
    }
  }
  Answer Register(const Form& form) {
    std::string arn = Get(form, "TargetGroupArn");
    TargetGroupState* tg = FindTargetGroup(arn);
    if (!tg) return Fail(400, "TargetGroupNotFound", "Target groups '" + arn + "' not found");
    std::vector<std::string> ids = TargetIds(form);
    if (ids.empty()) return Fail(400, "ValidationError", "Targets must not be empty");
    for (const auto& id : ids) {
      const Instance* i = FindInstance(id);
      if (!i || i->ec2_state != "running")
        return Fail(400, "InvalidTarget",
                    "The following targets are not in a running state and cannot be "
                    "registered: '" +
                        id + "'");
    }
    for (const auto& id : ids) {
      auto t = std::find_if(tg->targets.begin(), tg->targets.end(),
                            [&](const Target& t) { return t.id == id; });
      if (t == tg->targets.end())
        tg->targets.push_back(Target{id, "initial"});
      else if (t->state == "draining")
        t->state = "initial";
    }
    return Body("");
  }
  Answer Deregister(const Form& form) {
    std::string arn = Get(form, "TargetGroupArn");
    TargetGroupState* tg = FindTargetGroup(arn);
    if (!tg) return Fail(400, "TargetGroupNotFound", "Target groups '" + arn + "' not found");
    std::vector<std::string> ids = TargetIds(form);
    if (ids.empty()) return Fail(400, "ValidationError", "Targets must not be empty");
    for (const auto& id : ids)
      if (std::none_of(tg->targets.begin(), tg->targets.end(),
                       [&](const Target& t) { return t.id == id; }))
        return Fail(
            400, "InvalidTarget",
            "The following targets are not registered in target group '" + arn + "': '" + id + "'");
    for (auto& t : tg->targets)
      if (std::find(ids.begin(), ids.end(), t.id) != ids.end()) t.state = "draining";
    return Body("");
  }

  // ---- ec2 ----
  std::vector<std::pair<std::string, std::string>> InstanceTags(const Instance& i) {
    auto tags = GroupNamed(i.group).spec.tags;
    tags.emplace_back("aws:autoscaling:groupName", i.group);
    return tags;
  }
  Answer DescribeInstances(const Form& form) {
    std::vector<std::string> ids = List(form, "InstanceId");
    std::vector<std::string> missing;
    for (const auto& id : ids)
      if (!FindInstance(id)) missing.push_back(id);
    if (missing.size() == 1)
      return Fail(400, "InvalidInstanceID.NotFound",
                  "The instance ID '" + missing[0] + "' does not exist");
    if (!missing.empty()) {
      std::string list;
      for (const auto& id : missing) list += (list.empty() ? "" : ", ") + id;
      return Fail(400, "InvalidInstanceID.NotFound",
                  "The instance IDs '" + list + "' do not exist");
    }
    std::vector<const Instance*> selected;
    for (const auto& i : instances_) {
      if (!ids.empty() && std::find(ids.begin(), ids.end(), i.id) == ids.end()) continue;
      auto tags = InstanceTags(i);
      bool match = true;
      for (int n = 1; match; ++n) {
        std::string p = "Filter." + std::to_string(n);
        if (!form.count(p + ".Name")) break;
        std::string name = Get(form, p + ".Name");
        std::vector<std::string> values = List(form, p + ".Value");
        auto in = [&](const std::string& v) {
          return std::find(values.begin(), values.end(), v) != values.end();
        };
        if (name == "instance-state-name")
          match = in(i.ec2_state);
        else if (name == "instance-id")
          match = in(i.id);
        else if (name == "availability-zone")
          match = in(i.zone);
        else if (name == "private-dns-name")
          match = in(i.private_dns);
        else if (name == "tag-key" || name.rfind("tag:", 0) == 0) {
          match = std::any_of(tags.begin(), tags.end(), [&](const auto& kv) {
            return name == "tag-key" ? in(kv.first) : name == "tag:" + kv.first && in(kv.second);
          });
        } else {
          return Fail(400, "InvalidParameterValue", "The filter '" + name + "' is invalid");
        }
      }
      if (match) selected.push_back(&i);
    }
    auto page = Paginate(selected.size(), Get(form, "NextToken"), Get(form, "MaxResults"));
    if (!page.ok())
      return Fail(400, "InvalidPaginationToken",
                  "The pagination token '" + page.status().message() + "' is invalid");
    static const std::map<std::string, int> kCodes = {
        {"pending", 0}, {"running", 16}, {"shutting-down", 32}, {"terminated", 48}};
    std::string x = "<reservationSet>";
    for (size_t n = page->begin; n < page->end; ++n) {
      const Instance& i = *selected[n];
      x += "<item>" + El("reservationId", "r-" + i.id.substr(2)) + El("ownerId", kAccount) +
           "<instancesSet><item>" + El("instanceId", i.id) + "<instanceState>" +
           El("code", std::to_string(kCodes.at(i.ec2_state))) + El("name", i.ec2_state) +
           "</instanceState>" + El("privateDnsName", i.private_dns) +
           El("instanceType", GroupNamed(i.group).spec.instance_type) + "<placement>" +
           El("availabilityZone", i.zone) + "</placement>" + El("privateIpAddress", i.private_ip) +
           "<tagSet>";
      for (const auto& [k, v] : InstanceTags(i))
        x += "<item>" + El("key", k) + El("value", v) + "</item>";
      x += "</tagSet></item></instancesSet></item>";
    }
    x += "</reservationSet>";
    if (!page->next.empty()) x += El("nextToken", page->next);
    return Body(x);
  }
  Answer DescribeTemplates(const Form& form) {
    std::vector<std::string> names = List(form, "LaunchTemplateName");
    std::vector<std::string> ids = List(form, "LaunchTemplateId");
    std::vector<const Template*> selected;
    for (const auto& [name, t] : templates_)
      if ((names.empty() && ids.empty()) ||
          std::find(names.begin(), names.end(), name) != names.end() ||
          std::find(ids.begin(), ids.end(), t.id) != ids.end())
        selected.push_back(&t);
    if (selected.size() < names.size() + ids.size())
      return Fail(400, "InvalidLaunchTemplateName.NotFoundException",
                  "At least one of the launch templates specified in the request does not "
                  "exist.");
    auto page = Paginate(selected.size(), Get(form, "NextToken"), Get(form, "MaxResults"));
    if (!page.ok())
      return Fail(400, "InvalidPaginationToken",
                  "The pagination token '" + page.status().message() + "' is invalid");
    std::string x = "<launchTemplates>";
    for (size_t n = page->begin; n < page->end; ++n) {
      const Template& t = *selected[n];
      x += "<item>" + El("launchTemplateId", t.id) + El("launchTemplateName", t.name) +
           "<createTime>2024-01-01T00:00:00.000Z</createTime>" +
           El("createdBy", std::string("arn:aws:iam::") + kAccount + ":user/kops") +
           El("defaultVersionNumber", std::to_string(t.def)) +
           El("latestVersionNumber", std::to_string(t.latest)) + "</item>";
    }
    x += "</launchTemplates>";
    if (!page->next.empty()) x += El("nextToken", page->next);
    return Body(x);
  }

  mutable std::mutex mu_;
  FakeHttpClient http_;
  std::map<std::string, Template> templates_;
  std::map<std::string, Group> groups_;
  std::deque<Instance> instances_;  // a deque: Step keeps pointers while launching
  std::vector<LoadBalancer> lbs_;
  std::vector<TargetGroupState> tgs_;
  std::map<std::string, Failure> failures_;
  std::vector<std::string> calls_;
  int page_size_ = 50;
  int launched_ = 0;
  int addresses_ = 0;
  int requests_ = 0;
};

}  // namespace kops::awsapi
