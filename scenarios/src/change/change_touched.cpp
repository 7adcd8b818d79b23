// What a change touches, read from the site documents before and after it, and the evidence
// that must be re-verified there.
#include <algorithm>

#include "change_internal.hpp"

namespace zonepath::scenarios::detail {

namespace {

using json = nlohmann::json;

class Collector {
public:
  void add(ElementKind kind, const std::string& id, const std::string& reason) {
    if (id.empty() || id == "*") return;
    auto it =
        std::find_if(list_.begin(), list_.end(), [&](const auto& e) { return e.kind == kind && e.id == id; });
    if (it == list_.end()) it = list_.insert(list_.end(), TouchedElement{kind, id, {}});
    if (std::find(it->reasons.begin(), it->reasons.end(), reason) == it->reasons.end())
      it->reasons.push_back(reason);
  }
  std::vector<TouchedElement> take() {
    std::stable_sort(list_.begin(), list_.end(),
                     [](const auto& a, const auto& b) { return a.kind < b.kind; });
    return std::move(list_);
  }

private:
  std::vector<TouchedElement> list_;
};

const json& items(const json& site, const char* key) {
  static const json empty = json::array();
  return site.is_object() && site.contains(key) && site[key].is_array() ? site[key] : empty;
}

std::string id_of(const json& item) {
  return item.is_object() && item.contains("id") && item["id"].is_string() ? item["id"].get<std::string>()
                                                                           : "";
}

const json* find_by_id(const json& list, const std::string& id) {
  for (const auto& item : list)
    if (id_of(item) == id) return &item;
  return nullptr;
}

// Calls visit(before or nullptr, after or nullptr, id) for each element of section `key` that
// was added, removed or modified: the changed site's order, then the removed ones.
template <class Visit>
void changed_elements(const json& before, const json& after, const char* key, Visit visit) {
  const json& b = items(before, key);
  const json& a = items(after, key);
  for (const auto& item : a) {
    const json* old = find_by_id(b, id_of(item));
    if (!old || *old != item) visit(old, &item, id_of(item));
  }
  for (const auto& item : b)
    if (!find_by_id(a, id_of(item))) visit(&item, nullptr, id_of(item));
}

const char* change_word(const json* before, const json* after) {
  return !before ? "added" : !after ? "removed" : "modified";
}

std::vector<std::string> string_list(const json& obj, const char* key) {
  std::vector<std::string> out;
  if (obj.is_object() && obj.contains(key) && obj[key].is_array())
    for (const auto& v : obj[key])
      if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

// The rules of `key` on one side that the other side does not hold (as a multiset): each
// names the assets it admits or reaches.
void changed_rules(const json* before, const json* after, const char* key, const std::string& where,
                   Collector& out) {
  const json none = json::array();
  const json& b = before && before->contains(key) ? before->at(key) : none;
  const json& a = after && after->contains(key) ? after->at(key) : none;
  auto one_side = [&](const json& mine, const json& other, const char* word) {
    std::vector<bool> used(other.size(), false);
    for (const auto& rule : mine) {
      bool matched = false;
      for (std::size_t i = 0; i < other.size() && !matched; ++i)
        if (!used[i] && other[i] == rule) used[i] = matched = true;
      if (matched) continue;
      for (const char* side : {"src_assets", "dst_assets"})
        for (const auto& asset : string_list(rule, side))
          out.add(ElementKind::Asset, asset, std::string("named by a rule ") + word + " on " + where);
    }
  };
  if (b.is_array() && a.is_array()) {
    one_side(a, b, "added or changed");
    one_side(b, a, "removed or changed");
  }
}

} // namespace

std::vector<TouchedElement> touched_elements(const json& before, const json& after) {
  Collector out;
  changed_elements(before, after, "zones", [&](const json* b, const json* a, const std::string& id) {
    out.add(ElementKind::Zone, id, std::string("zone ") + change_word(b, a));
    changed_rules(b, a, "intra_rules", "zone " + id, out);
  });
  changed_elements(before, after, "conduits", [&](const json* b, const json* a, const std::string& id) {
    const std::string word = change_word(b, a);
    out.add(ElementKind::Conduit, id, "conduit " + word);
    for (const json* side : {a, b})
      if (side)
        for (const auto& zone : string_list(*side, "zones"))
          out.add(ElementKind::Zone, zone, "end of conduit " + id + " (" + word + ")");
    changed_rules(b, a, "rules", "conduit " + id, out);
  });
  changed_elements(before, after, "assets", [&](const json* b, const json* a, const std::string& id) {
    const std::string word = change_word(b, a);
    out.add(ElementKind::Asset, id, "asset " + word);
    for (const json* side : {a, b})
      if (side && side->contains("zone") && (*side)["zone"].is_string())
        out.add(ElementKind::Zone, (*side)["zone"].get<std::string>(),
                "holds asset " + id + " (" + word + ")");
  });
  return out.take();
}

namespace {

// The asset-owner party of a zone or asset: who answers for a record that names no owner, as the
// risk register's risk owner defaults to it.
std::string asset_owner(const std::vector<models::Responsible>& parties) {
  for (const auto& p : parties)
    if (p.role == models::PartyRole::AssetOwner) return p.party;
  return "";
}

void set_owner(Reverification& r, const std::string& own, const std::string& fallback) {
  r.owner = own.empty() ? fallback : own;
  r.owner_source = !own.empty()       ? OwnerSource::Record
                   : fallback.empty() ? OwnerSource::None
                                      : OwnerSource::AssetOwner;
}

} // namespace

std::vector<Reverification> evidence_to_reverify(const models::Site& site,
                                                 const std::vector<TouchedElement>& touched) {
  std::vector<Reverification> out;
  std::string fallback;
  auto records = [&](const TouchedElement& e, const std::vector<models::RequirementRecord>& list) {
    for (const auto& rec : list) {
      Reverification r;
      r.where_kind = e.kind;
      r.where = e.id;
      r.kind = EvidenceKind::RequirementRecord;
      r.id = rec.id;
      r.requirements = {rec.id};
      r.status = models::to_string(rec.status);
      set_owner(r, rec.owner, fallback);
      r.evidence = rec.evidence;
      r.last_verified = rec.last_verified;
      out.push_back(std::move(r));
    }
  };
  auto controls = [&](const TouchedElement& e, const std::vector<models::CompensatingControl>& list) {
    for (const auto& c : list) {
      Reverification r;
      r.where_kind = e.kind;
      r.where = e.id;
      r.kind = EvidenceKind::CompensatingControl;
      r.id = c.control;
      r.requirements = c.requirements;
      r.status = models::to_string(c.status);
      set_owner(r, c.owner, fallback);
      r.change_record = c.change_record;
      r.validation_record = c.validation_record;
      if (!c.validation_record.empty()) r.evidence.push_back(c.validation_record);
      r.review_by = c.review_by;
      out.push_back(std::move(r));
    }
  };
  for (const auto& e : touched) {
    fallback.clear();
    if (e.kind == ElementKind::Zone) {
      if (models::Index i = site.zone_index(e.id); i != models::kNone) {
        fallback = asset_owner(site.zones[i].responsible);
        records(e, site.zones[i].requirements);
        controls(e, site.zones[i].compensating);
      }
    } else if (e.kind == ElementKind::Conduit) {
      if (models::Index i = site.conduit_index(e.id); i != models::kNone) {
        records(e, site.conduits[i].requirements);
        controls(e, site.conduits[i].compensating);
      }
    } else if (models::Index i = site.asset_index(e.id); i != models::kNone) {
      const models::Asset& a = site.assets[i];
      fallback = asset_owner(a.responsible);
      if (fallback.empty() && a.zone != models::kNone) fallback = asset_owner(site.zones[a.zone].responsible);
      controls(e, a.compensating);
    }
  }
  return out;
}

} // namespace zonepath::scenarios::detail
