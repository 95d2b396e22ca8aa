#include "awsapi/credentials.h"

#include <cstdlib>
#include <vector>

#include "awsapi/ini.h"
#include "base/file_util.h"
#include "base/strings.h"

namespace kops::awsapi {
namespace {

std::string Get(const EnvFn& env, const std::string& name) {
  auto v = env(name);
  return v ? Trim(*v) : "";
}

// Looks up a profile's section: "[name]" in credentials files; "[profile name]" (or
// "[default]") in config files.
const std::map<std::string, std::string>* FindProfile(const IniFile& ini,
                                                      const std::string& profile,
                                                      bool config_file) {
  std::vector<std::string> names;
  if (config_file && profile != "default") names.push_back("profile " + profile);
  names.push_back(profile);
  for (const auto& n : names) {
    auto it = ini.find(n);
    if (it != ini.end()) return &it->second;
  }
  return nullptr;
}

std::string HomeFile(const EnvFn& env, const std::string& override_var, const std::string& rel) {
  std::string path = Get(env, override_var);
  if (!path.empty()) return path;
  std::string home = Get(env, "HOME");
  return home.empty() ? "" : home + "/.aws/" + rel;
}

std::string Profile(const EnvFn& env) {
  std::string p = Get(env, "AWS_PROFILE");
  if (p.empty()) p = Get(env, "AWS_DEFAULT_PROFILE");
  return p.empty() ? "default" : p;
}

// Credentials of the profile in one file, if that file has both keys.
Result<std::optional<Credentials>> FromFile(const std::string& path, const std::string& profile,
                                            bool config_file) {
  if (path.empty() || !PathExists(path)) return std::optional<Credentials>();
  ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  IniFile ini = ParseIni(text);
  const auto* section = FindProfile(ini, profile, config_file);
  if (!section) return std::optional<Credentials>();
  auto get = [&](const char* k) {
    auto it = section->find(k);
    return it == section->end() ? std::string() : it->second;
  };
  Credentials c{get("aws_access_key_id"), get("aws_secret_access_key"), get("aws_session_token"),
                "profile \"" + profile + "\" in " + path};
  if (c.access_key_id.empty() && c.secret_access_key.empty()) return std::optional<Credentials>();
  if (c.access_key_id.empty() || c.secret_access_key.empty())
    return InvalidArgument(
        c.source +
        " sets only one of aws_access_key_id and aws_secret_access_key; both are required");
  return std::optional<Credentials>(std::move(c));
}

// A key pair from two environment variables, if either is set.
Result<std::optional<Credentials>> FromEnvPair(const EnvFn& env, const std::string& id_var,
                                               const std::string& secret_var,
                                               const std::string& token_var) {
  std::string id = Get(env, id_var), secret = Get(env, secret_var);
  if (id.empty() && secret.empty()) return std::optional<Credentials>();
  if (id.empty() || secret.empty())
    return InvalidArgument("only one of " + id_var + " and " + secret_var +
                           " is set; set both (or neither)");
  Credentials c{id, secret, token_var.empty() ? "" : Get(env, token_var), "environment " + id_var};
  return std::optional<Credentials>(std::move(c));
}

}  // namespace

EnvFn ProcessEnv() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (!v) return std::nullopt;
    return std::string(v);
  };
}

EnvFn MapEnv(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

const char* SigningName(Service s) {
  switch (s) {
    case Service::kS3:
      return "s3";
    case Service::kEc2:
      return "ec2";
    case Service::kSts:
      return "sts";
    case Service::kRoute53:
      return "route53";
    case Service::kAutoScaling:
      return "autoscaling";
    case Service::kElasticLoadBalancing:
      return "elasticloadbalancing";
  }
  return "";
}

const char* EndpointEnvSuffix(Service s) {
  switch (s) {
    case Service::kS3:
      return "S3";
    case Service::kEc2:
      return "EC2";
    case Service::kSts:
      return "STS";
    case Service::kRoute53:
      return "ROUTE_53";
    case Service::kAutoScaling:
      return "AUTO_SCALING";
    case Service::kElasticLoadBalancing:
      return "ELASTIC_LOAD_BALANCING_V2";
  }
  return "";
}

Result<Credentials> ResolveCredentials(const EnvFn& env, Service service) {
  std::vector<std::string> looked;
  if (service == Service::kS3) {
    ASSIGN_OR_RETURN(auto s3, FromEnvPair(env, "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY", ""));
    if (s3) return *s3;
    looked.push_back("S3_ACCESS_KEY_ID/S3_SECRET_ACCESS_KEY");
  }
  ASSIGN_OR_RETURN(auto aws, FromEnvPair(env, "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                                         "AWS_SESSION_TOKEN"));
  if (aws) return *aws;
  looked.push_back("AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY");

  std::string profile = Profile(env);
  std::string creds_file = HomeFile(env, "AWS_SHARED_CREDENTIALS_FILE", "credentials");
  ASSIGN_OR_RETURN(auto from_creds, FromFile(creds_file, profile, false));
  if (from_creds) return *from_creds;
  std::string config_file = HomeFile(env, "AWS_CONFIG_FILE", "config");
  ASSIGN_OR_RETURN(auto from_config, FromFile(config_file, profile, true));
  if (from_config) return *from_config;
  looked.push_back("profile \"" + profile + "\" (AWS_PROFILE) in " +
                   (creds_file.empty() ? "~/.aws/credentials" : creds_file) +
                   " (AWS_SHARED_CREDENTIALS_FILE) and " +
                   (config_file.empty() ? "~/.aws/config" : config_file) + " (AWS_CONFIG_FILE)");
  return PermissionDenied(std::string("no AWS credentials found for ") + SigningName(service) +
                          "; looked at " + Join(looked, ", "));
}

std::string ResolveRegion(const EnvFn& env, Service service) {
  std::vector<std::string> vars;
  if (service == Service::kS3) vars.push_back("S3_REGION");
  vars.insert(vars.end(), {"AWS_REGION", "AWS_DEFAULT_REGION"});
  for (const auto& v : vars) {
    std::string r = Get(env, v);
    if (!r.empty()) return r;
  }
  std::string config_file = HomeFile(env, "AWS_CONFIG_FILE", "config");
  if (config_file.empty() || !PathExists(config_file)) return "";
  auto text = ReadFile(config_file);
  if (!text.ok()) return "";
  IniFile ini = ParseIni(*text);
  const auto* section = FindProfile(ini, Profile(env), true);
  if (!section) return "";
  auto it = section->find("region");
  return it == section->end() ? "" : it->second;
}

std::string ResolveEndpoint(const EnvFn& env, Service service) {
  std::vector<std::string> vars;
  if (service == Service::kS3) vars.push_back("S3_ENDPOINT");
  vars.push_back(std::string("AWS_ENDPOINT_URL_") + EndpointEnvSuffix(service));
  vars.push_back("AWS_ENDPOINT_URL");
  for (const auto& v : vars) {
    std::string e = Get(env, v);
    while (!e.empty() && e.back() == '/') e.pop_back();
    if (!e.empty()) return e;
  }
  return "";
}

}  // namespace kops::awsapi
