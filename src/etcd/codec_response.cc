// Response decoding for the etcd JSON gateway (see codec.h for the measured spelling).
#include <charconv>
#include <stdexcept>
#include <string>

#include "base/base64.h"
#include "etcd/codec.h"

namespace kops::etcd {
namespace {

// Thrown by the field readers below and turned into kInternal by Decode().
struct DecodeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

const Json* Field(const Json& j, const char* name) {
  if (!j.is_object()) throw DecodeError("expected a JSON object");
  auto it = j.find(name);
  if (it == j.end() || it->is_null()) return nullptr;
  return &*it;
}

// 64-bit integers arrive as strings; numbers are accepted too. Absent means 0.
template <typename Int>
Int Integer(const Json& j, const char* name) {
  const Json* f = Field(j, name);
  if (f == nullptr) return 0;
  if (f->is_number_integer()) return f->get<Int>();
  if (!f->is_string()) throw DecodeError(std::string("field \"") + name + "\" is not an integer");
  const std::string& s = f->get_ref<const std::string&>();
  Int v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) {
    throw DecodeError(std::string("field \"") + name + "\" has non-integer value \"" + s + "\"");
  }
  return v;
}

std::string String(const Json& j, const char* name) {
  const Json* f = Field(j, name);
  if (f == nullptr) return "";
  if (!f->is_string()) throw DecodeError(std::string("field \"") + name + "\" is not a string");
  return f->get<std::string>();
}

std::string Bytes(const Json& j, const char* name) {
  Result<std::string> raw = Base64Decode(String(j, name));
  if (!raw.ok()) {
    throw DecodeError(std::string("field \"") + name + "\": " + raw.status().message());
  }
  return *raw;
}

bool Bool(const Json& j, const char* name) {
  const Json* f = Field(j, name);
  if (f == nullptr) return false;
  if (!f->is_boolean()) throw DecodeError(std::string("field \"") + name + "\" is not a boolean");
  return f->get<bool>();
}

// A list field, or an empty array when absent.
const Json& List(const Json& j, const char* name) {
  static const Json kEmpty = Json::array();
  const Json* f = Field(j, name);
  if (f == nullptr) return kEmpty;
  if (!f->is_array()) throw DecodeError(std::string("field \"") + name + "\" is not a list");
  return *f;
}

std::vector<std::string> Strings(const Json& j, const char* name) {
  std::vector<std::string> out;
  for (const Json& v : List(j, name)) {
    if (!v.is_string()) throw DecodeError(std::string("field \"") + name + "\" has a non-string");
    out.push_back(v.get<std::string>());
  }
  return out;
}

ResponseHeader Header(const Json& j) {
  ResponseHeader h;
  const Json* f = Field(j, "header");
  if (f == nullptr) return h;
  h.cluster_id = Integer<uint64_t>(*f, "cluster_id");
  h.member_id = Integer<uint64_t>(*f, "member_id");
  h.revision = Integer<int64_t>(*f, "revision");
  h.raft_term = Integer<uint64_t>(*f, "raft_term");
  return h;
}

KeyValue Kv(const Json& j) {
  KeyValue kv;
  kv.key = Bytes(j, "key");
  kv.value = Bytes(j, "value");
  kv.create_revision = Integer<int64_t>(j, "create_revision");
  kv.mod_revision = Integer<int64_t>(j, "mod_revision");
  kv.version = Integer<int64_t>(j, "version");
  kv.lease = Integer<int64_t>(j, "lease");
  return kv;
}

std::vector<KeyValue> Kvs(const Json& j, const char* name) {
  std::vector<KeyValue> out;
  for (const Json& v : List(j, name)) out.push_back(Kv(v));
  return out;
}

GetResponse Range(const Json& j) {
  GetResponse r;
  r.header = Header(j);
  r.kvs = Kvs(j, "kvs");
  r.count = Integer<int64_t>(j, "count");
  r.more = Bool(j, "more");
  return r;
}

TxnOpResponse TxnOpAnswer(const Json& j) {
  TxnOpResponse r;
  if (const Json* put = Field(j, "response_put")) {
    r.type = TxnOp::Type::kPut;
    r.revision = Header(*put).revision;
  } else if (const Json* range = Field(j, "response_range")) {
    GetResponse g = Range(*range);
    r.type = TxnOp::Type::kGet;
    r.revision = g.header.revision;
    r.kvs = std::move(g.kvs);
    r.count = g.count;
  } else if (const Json* del = Field(j, "response_delete_range")) {
    r.type = TxnOp::Type::kDelete;
    r.revision = Header(*del).revision;
    r.deleted = Integer<int64_t>(*del, "deleted");
  } else {
    throw DecodeError(
        "txn response item has none of response_put, response_range, "
        "response_delete_range");
  }
  return r;
}

Member MemberOf(const Json& j) {
  Member m;
  m.id = Integer<uint64_t>(j, "ID");
  m.name = String(j, "name");
  m.peer_urls = Strings(j, "peerURLs");
  m.client_urls = Strings(j, "clientURLs");
  m.is_learner = Bool(j, "isLearner");
  return m;
}

std::vector<Member> Members(const Json& j) {
  std::vector<Member> out;
  for (const Json& v : List(j, "members")) out.push_back(MemberOf(v));
  return out;
}

LeaseGrantResponse Lease(const Json& j) {
  LeaseGrantResponse r;
  r.header = Header(j);
  r.id = Integer<int64_t>(j, "ID");
  r.ttl_seconds = Integer<int64_t>(j, "TTL");
  return r;
}

template <typename T, typename F>
Result<T> Decode(const char* what, const Json& j, F f) {
  try {
    return f(j);
  } catch (const DecodeError& e) {
    return Internal(std::string("decoding etcd ") + what + " response: " + e.what());
  } catch (const nlohmann::json::exception& e) {
    return Internal(std::string("decoding etcd ") + what + " response: " + e.what());
  }
}

}  // namespace

Result<Json> ParseJsonBody(std::string_view body) {
  Json j = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return Internal("etcd answered with a body that is not a JSON object: \"" +
                    std::string(body.substr(0, 200)) + "\"");
  }
  return j;
}

Result<GetResponse> DecodeGetResponse(const Json& j) {
  return Decode<GetResponse>("range", j, Range);
}

Result<PutResponse> DecodePutResponse(const Json& j) {
  return Decode<PutResponse>("put", j, [](const Json& j) {
    PutResponse r;
    r.header = Header(j);
    if (const Json* prev = Field(j, "prev_kv")) r.prev_kv = Kv(*prev);
    return r;
  });
}

Result<DeleteResponse> DecodeDeleteResponse(const Json& j) {
  return Decode<DeleteResponse>("delete", j, [](const Json& j) {
    DeleteResponse r;
    r.header = Header(j);
    r.deleted = Integer<int64_t>(j, "deleted");
    r.prev_kvs = Kvs(j, "prev_kvs");
    return r;
  });
}

Result<TxnResponse> DecodeTxnResponse(const Json& j) {
  return Decode<TxnResponse>("txn", j, [](const Json& j) {
    TxnResponse r;
    r.header = Header(j);
    r.succeeded = Bool(j, "succeeded");
    for (const Json& item : List(j, "responses")) r.responses.push_back(TxnOpAnswer(item));
    return r;
  });
}

Result<LeaseGrantResponse> DecodeLeaseGrantResponse(const Json& j) {
  return Decode<LeaseGrantResponse>("lease grant", j, Lease);
}

Result<LeaseGrantResponse> DecodeLeaseKeepAliveResponse(const Json& j) {
  return Decode<LeaseGrantResponse>("lease keep-alive", j, [](const Json& j) {
    if (const Json* error = Field(j, "error")) throw DecodeError("stream error " + error->dump());
    const Json* result = Field(j, "result");
    if (result == nullptr) throw DecodeError("no \"result\" in the keep-alive stream");
    return Lease(*result);
  });
}

Result<MemberListResponse> DecodeMemberListResponse(const Json& j) {
  return Decode<MemberListResponse>("member list", j, [](const Json& j) {
    return MemberListResponse{Header(j), Members(j)};
  });
}

Result<MemberAddResponse> DecodeMemberAddResponse(const Json& j) {
  return Decode<MemberAddResponse>("member add", j, [](const Json& j) {
    const Json* member = Field(j, "member");
    if (member == nullptr) throw DecodeError("no \"member\" in the answer");
    return MemberAddResponse{Header(j), MemberOf(*member), Members(j)};
  });
}

Result<EndpointStatus> DecodeStatusResponse(const Json& j) {
  return Decode<EndpointStatus>("status", j, [](const Json& j) {
    EndpointStatus s;
    s.header = Header(j);
    s.version = String(j, "version");
    s.db_size = Integer<int64_t>(j, "dbSize");
    s.db_size_in_use = Integer<int64_t>(j, "dbSizeInUse");
    s.leader = Integer<uint64_t>(j, "leader");
    s.raft_index = Integer<uint64_t>(j, "raftIndex");
    s.raft_term = Integer<uint64_t>(j, "raftTerm");
    s.raft_applied_index = Integer<uint64_t>(j, "raftAppliedIndex");
    s.is_learner = Bool(j, "isLearner");
    s.errors = Strings(j, "errors");
    return s;
  });
}

Result<bool> DecodeHealthBody(std::string_view body) {
  ASSIGN_OR_RETURN(Json j, ParseJsonBody(body));
  return Decode<bool>("health", j, [](const Json& j) {
    const Json* h = Field(j, "health");
    if (h == nullptr) throw DecodeError("no \"health\" field");
    if (h->is_boolean()) return h->get<bool>();
    if (h->is_string()) return h->get<std::string>() == "true";
    throw DecodeError("field \"health\" is neither a boolean nor a string");
  });
}

}  // namespace kops::etcd
