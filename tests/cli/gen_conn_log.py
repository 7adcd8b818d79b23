#!/usr/bin/env python3
"""A day of Zeek conn.log for an example plant, with known drift, and the answers.

The traffic is built from the site itself: SCADA polling, historian collection, domain and time
services, backups, remote sessions, updates, web browsing through the proxy (the flows that
most allow rules exist for), traffic inside the flat cells, plus what drift must find: flows
the rules deny (a legacy HMI writing Modbus to a dosing PLC, a port scan from an unknown laptop,
Internet scanners), hosts missing from the inventory, industrial protocols on unusual ports,
multicast and broadcast, IPv6 and ICMP. Some allow rules are deliberately left without traffic.

Every connection is judged here by an independent reading of the model's rules (docs/model.md:
ascending priority, first match, default deny, flat and isolated zones, diodes), so the
expected report counts (denied flows, unknown hosts, unused allow rules, ...) come from this
script, not from zonepath. Deterministic: the same seed gives the same bytes.

    python3 tests/cli/gen_conn_log.py scenarios/examples/water-treatment.json conn.log \
        --connections 120000 --expected expected.json [--json]
"""
import argparse
import ipaddress
import json
import random
import sys

DAY = 1710201600.0  # 2024-03-12T00:00:00Z
UDP_ONLY = {"snmp", "ntp", "tftp", "bacnet"}  # the catalog's UDP-only protocols (docs/catalogs.md)
EXTERNAL_KINDS = {"untrusted", "vendor", "remote"}
INDUSTRIAL = {"modbus-tcp", "dnp3", "enip", "pcom", "opc-ua", "hart-ip", "s7comm", "bacnet"}
# What Zeek's analyzers (base scripts, ICSNPP) write in `service` for the catalog's protocols;
# "-" where Zeek has no analyzer.
ZEEK_NAME = {"modbus-tcp": "modbus", "dnp3": "dnp3_tcp", "enip": "enip", "https": "ssl", "http": "http",
             "http-proxy": "http", "rdp": "rdp", "smb": "smb", "ldap": "ldap", "kerberos": "krb_tcp",
             "dns": "dns", "ntp": "ntp", "ssh": "ssh", "snmp": "snmp", "smtp": "smtp", "ftp": "ftp"}
# And back, as zonepath reads `service`; without one, the catalog protocol of the port.
ZEEK_TO_CATALOG = {"modbus": "modbus-tcp", "dnp3_tcp": "dnp3", "enip": "enip", "ssl": "https", "http": "http",
                   "rdp": "rdp", "smb": "smb", "ldap": "ldap", "krb_tcp": "kerberos", "dns": "dns", "ntp": "ntp",
                   "ssh": "ssh", "snmp": "snmp", "ftp": "ftp"}
PORT_PROTOCOL = {502: "modbus-tcp", 44818: "enip", 22: "ssh", 23: "telnet", 53: "dns", 80: "http", 443: "https",
                 445: "smb", 3389: "rdp", 20000: "dnp3", 20256: "pcom"}
FIELDS = ("ts uid id.orig_h id.orig_p id.resp_h id.resp_p proto service duration orig_bytes resp_bytes "
          "conn_state local_orig local_resp missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes "
          "tunnel_parents").split()
TYPES = ("time string addr port addr port enum string interval count count string bool bool count string count "
         "count count count set[string]").split()


class Model:
    """The site's zones, addresses and rules, read straight from the JSON file."""

    def __init__(self, site):
        self.site = site
        self.zones = {z["id"]: z for z in site["zones"]}
        self.assets = {a["id"]: a for a in site["assets"]}
        self.asset_of_ip = {}
        for a in site["assets"]:
            if "x-ip" in a:
                self.asset_of_ip.setdefault(a["x-ip"], a["id"])
        self.subnets = [(ipaddress.ip_network(n), z["id"]) for z in site["zones"] for n in z.get("x-subnets", [])]
        self.conduits = site.get("conduits", [])

    def zone_of(self, ip):
        if ip in self.asset_of_ip:
            return self.assets[self.asset_of_ip[ip]]["zone"]
        addr = ipaddress.ip_address(ip)
        best = None
        for net, zone in self.subnets:
            if addr in net and (best is None or net.prefixlen > best[0].prefixlen):
                best = (net, zone)
        return best[1] if best else None

    def external(self, zone):
        return self.zones[zone].get("kind") in EXTERNAL_KINDS

    @staticmethod
    def transport(service):
        return service.get("transport", "udp" if service["protocol"] in UDP_ONLY else "tcp")

    def service(self, dst_asset, port, transport, protocol):
        """(protocol, in model) of what the connection reaches."""
        if dst_asset:
            for s in self.assets[dst_asset].get("services", []):
                if s["port"] == port and self.transport(s) == transport:
                    return s["protocol"], True
        return protocol, False

    @staticmethod
    def matches(rule, src_zone, src_asset, dst_zone, dst_asset, protocol, port, transport, zone=None):
        frm, to = rule.get("from", zone or "*"), rule.get("to", zone or "*")
        if frm != "*" and frm != src_zone or to != "*" and to != dst_zone:
            return False
        if rule.get("protocols") and protocol not in rule["protocols"] and transport not in rule["protocols"]:
            return False
        if rule.get("ports") and port not in rule["ports"]:
            return False
        if rule.get("src_assets") and src_asset not in rule["src_assets"]:
            return False
        if rule.get("dst_assets") and dst_asset not in rule["dst_assets"]:
            return False
        return True

    @staticmethod
    def first_match(rules, *args, **kw):
        order = sorted(range(len(rules)), key=lambda i: rules[i].get("priority", 0))  # stable: ties keep file order
        for i in order:
            if Model.matches(rules[i], *args, **kw):
                return i, rules[i]["action"] == "allow"
        return None, False

    def judge(self, src, dst, port, transport, protocol):
        """(allowed, (via, rule index) of the allowing rule or None, src zone, dst zone)."""
        sz, dz = self.zone_of(src), self.zone_of(dst)
        sa, da = self.asset_of_ip.get(src), self.asset_of_ip.get(dst)
        proto, _ = self.service(da, port, transport, protocol)
        if sz == dz:
            zone = self.zones[sz]
            if zone.get("intra_zone", "flat") != "isolated":
                return True, None, sz, dz
            i, ok = self.first_match(zone.get("intra_rules", []), sz, sa, dz, da, proto, port, transport, zone=sz)
            return ok, (sz, i) if ok else None, sz, dz
        for c in self.conduits:
            if set(c["zones"]) != {sz, dz}:
                continue
            direction = c.get("direction")
            if direction and direction.split("->")[0].strip() != sz:
                continue
            if direction and not c.get("rules"):
                return True, None, sz, dz
            i, ok = self.first_match(c.get("rules", []), sz, sa, dz, da, proto, port, transport)
            if ok:
                return True, (c["id"], i), sz, dz
        return False, None, sz, dz

    def allow_rules(self):
        out = [(c["id"], i) for c in self.conduits for i, r in enumerate(c.get("rules", [])) if r["action"] == "allow"]
        out += [(z["id"], i) for z in self.site["zones"] if z.get("intra_zone") == "isolated"
                for i, r in enumerate(z.get("intra_rules", [])) if r["action"] == "allow"]
        return out

    def rule(self, key):
        via, i = key
        for c in self.conduits:
            if c["id"] == via:
                return c, c["rules"][i]
        return None, self.zones[via]["intra_rules"][i]


def legit_candidates(m):
    """For each allow rule, the (src ip, dst ip, port, transport, protocol) flows it decides."""
    by_rule = {}
    ips = {a["id"]: a["x-ip"] for a in m.site["assets"] if "x-ip" in a}
    for key in m.allow_rules():
        conduit, rule = m.rule(key)
        zones = conduit["zones"] if conduit else [key[0], key[0]]
        pairs = [(zones[0], zones[1]), (zones[1], zones[0])] if conduit else [(key[0], key[0])]
        for frm, to in pairs:
            if rule.get("from", frm) not in ("*", frm) or rule.get("to", to) not in ("*", to):
                continue
            srcs = [a for a in rule.get("src_assets", []) if m.assets[a]["zone"] == frm] or \
                   [a["id"] for a in m.site["assets"] if a["zone"] == frm and "x-ip" in a]
            for s in srcs:
                for d in m.site["assets"]:
                    if d["zone"] != to or "x-ip" not in d or d["id"] == s:
                        continue
                    for svc in d.get("services", []):
                        flow = (ips[s], d["x-ip"], svc["port"], m.transport(svc), svc["protocol"])
                        ok, via, _, _ = m.judge(*flow)
                        if ok and via == key:
                            by_rule.setdefault(key, []).append(flow)
            if not srcs or not m.external(to) or rule.get("dst_assets"):
                continue
            # Outbound to the Internet: the rule's ports on public addresses.
            for port in rule.get("ports", []):
                protocols = rule.get("protocols") or ["tcp-%d" % port]
                protocol = PORT_PROTOCOL.get(port) if PORT_PROTOCOL.get(port) in protocols else protocols[0]
                for s in srcs:
                    flow = (ips[s], "93.184.216.%d" % (10 + port % 200), port, "tcp", protocol)
                    ok, via, _, _ = m.judge(*flow)
                    if ok and via == key:
                        by_rule.setdefault(key, []).append(flow)
    return by_rule


class Log:
    def __init__(self, rng):
        self.rng = rng
        self.events = []  # (ts, src, dst, port, proto, service, state)

    def add(self, count, src, dst, port, proto, service, state="SF", start=0.0, end=86400.0):
        for _ in range(count):
            self.events.append((DAY + self.rng.uniform(start, end), src, dst, port, proto, service, state))

    def write(self, path, as_json):
        rng = random.Random(7)
        self.events.sort()
        with open(path, "w") as f:
            if not as_json:
                f.write("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n"
                        "#open\t2024-03-12-00-00-00\n#fields\t%s\n#types\t%s\n" % ("\t".join(FIELDS), "\t".join(TYPES)))
            for n, (ts, src, dst, port, proto, service, state) in enumerate(self.events):
                answered = state in ("SF", "S1", "RSTO")
                opkts, rpkts = rng.randint(1, 40), (rng.randint(1, 40) if answered else 0)
                rec = ["%.6f" % ts, "C%016x" % rng.getrandbits(64), src, rng.randint(1024, 65535), dst, port, proto,
                       service, "%.6f" % rng.uniform(0, 30) if answered else "-", opkts * 60,
                       rpkts * 60 if answered else 0, state, "T", "T", 0, "ShADadFf" if answered else "S",
                       opkts, opkts * 100, rpkts, rpkts * 100, "(empty)"]
                if as_json:
                    obj = {}
                    for k, t, v in zip(FIELDS, TYPES, rec):
                        if v in ("-", "(empty)"):
                            continue
                        obj[k] = float(v) if t in ("time", "interval") else int(v) if t in ("port", "count") \
                            else v == "T" if t == "bool" else v
                    f.write(json.dumps(obj, separators=(",", ":")) + "\n")
                else:
                    f.write("\t".join(map(str, rec)) + "\n")
            if not as_json:
                f.write("#close\t2024-03-13-00-00-00\n")
        return len(self.events) + (0 if as_json else 9)


def generate(site_path, out_path, seed=62443, connections=120000, as_json=False):
    rng = random.Random(seed)
    site = json.load(open(site_path))
    m = Model(site)
    log = Log(rng)
    ips = {a["id"]: a["x-ip"] for a in site["assets"] if "x-ip" in a}

    # Legitimate traffic: all but about a quarter of the allow rules carry flows; industrial
    # polling is frequent, the rest occasional.
    candidates = legit_candidates(m)
    keys = sorted(candidates)
    left_unused = set(rng.sample(keys, len(keys) // 4))
    chosen = []
    for key in keys:
        if key in left_unused:
            continue
        flows = candidates[key]
        chosen += rng.sample(flows, min(len(flows), rng.randint(1, 3)))
    weights = [8 if f[4] in INDUSTRIAL else 1 for f in chosen]
    # Flat cells: HMIs and PLCs of filtration and high-service talk CIP among themselves.
    flat = [(ips[a["id"]], ips[b["id"]], s["port"], m.transport(s), s["protocol"])
            for a in site["assets"] for b in site["assets"]
            if a["zone"] == b["zone"] and a["id"] != b["id"] and "x-ip" in a and "x-ip" in b
            and m.zones[a["zone"]].get("intra_zone", "flat") == "flat" and m.zones[a["zone"]].get("kind") == "control"
            for s in b.get("services", []) if s["protocol"] == "enip"]
    chosen += rng.sample(flat, min(6, len(flat)))
    weights += [8] * min(6, len(flat))
    budget = connections - 2500  # what the drift below adds, roughly
    total_w = sum(weights)
    for flow, w in zip(chosen, weights):
        src, dst, port, transport, protocol = flow
        log.add(max(1, budget * w // total_w), src, dst, port, transport, ZEEK_NAME.get(protocol, "-"))

    # Drift 1: flows the model denies between inventory hosts.
    assets = [a for a in site["assets"] if "x-ip" in a and a.get("services")]
    violations = 0
    while violations < 12:
        a, b = rng.sample(assets, 2)
        s = rng.choice(b["services"])
        flow = (a["x-ip"], b["x-ip"], s["port"], m.transport(s), s["protocol"])
        if m.zone_of(flow[0]) == m.zone_of(flow[1]) or m.judge(*flow)[0]:
            continue
        log.add(rng.randint(1, 60), *flow[:4], ZEEK_NAME.get(flow[4], "-"), rng.choice(["SF", "S0", "REJ"]))
        violations += 1
    # Drift 2: hosts not in the inventory: a contractor laptop in SCADA polling the high-service
    # PLCs (the per-VLAN ACL lets it), and scanning the DMZ; a rogue box in the chemical cell;
    # Internet scanners knocking on the mail server.
    laptop, rogue = "10.10.50.201", "10.10.80.77"
    for d in ("hs-plc-1", "hs-vfd-1"):
        log.add(200, laptop, ips[d], 44818, "tcp", "enip")
    for host in range(10, 16):
        for port in (22, 80, 443, 445, 3389, 502):
            log.add(1, laptop, "10.10.30.%d" % host, port, "tcp", "-", "S0", 3600 * 14, 3600 * 14 + 60)
    log.add(40, rogue, ips["chem-plc-1"], 502, "tcp", "modbus", "SF")
    for i in range(5):
        scanner = "45.33.%d.%d" % (rng.randint(0, 255), rng.randint(1, 254))
        for port in (22, 23, 443, 502, 20256):
            log.add(1, scanner, ips["it-mail-1"], port, "tcp", "-", "S0")
    # Drift 3: industrial protocols on unusual ports.
    odd = [(ips["ews-1"], ips["chem-plc-1"], 5020, "tcp", "modbus"),
           (ips["scada-tlm-1"], ips["res1-rtu"], 20001, "tcp", "dnp3_tcp"),
           (ips["scada-srv-a"], ips["flt-plc-2"], 2223, "tcp", "enip")]
    for flow in odd:
        log.add(25, *flow, "SF")
    # Noise that is not judged: multicast and broadcast, IPv6, ICMP.
    log.add(300, ips["it-ws-clerk-1"], "239.255.255.250", 1900, "udp", "-", "S0")
    log.add(200, ips["hmi-op-1"], "224.0.0.251", 5353, "udp", "dns", "S0")
    log.add(150, ips["flt-hmi-1"], "10.10.60.255", 44818, "udp", "enip", "S0")
    log.add(50, "fe80::20c:29ff:fe4a:1b2c", "ff02::1:2", 547, "udp", "dhcp", "S0")
    log.add(80, ips["scada-srv-a"], ips["flt-plc-1"], 8, "icmp", "-", "OTH")

    lines = log.write(out_path, as_json)
    return expected(m, log, lines, left_unused)


def expected(m, log, lines, left_unused):
    """The drift report's counts, worked out from the events with this script's model."""
    group = {"239.255.255.250", "224.0.0.251", "10.10.60.255"}
    flows = {}  # (src, dst, port, transport) -> [connections, answered, Zeek services in order]
    ipv6 = icmp = multicast = 0
    for ts, src, dst, port, proto, service, state in log.events:
        if ":" in src:
            ipv6 += 1
            continue
        if proto == "icmp":
            icmp += 1
            continue
        multicast += dst in group
        f = flows.setdefault((src, dst, port, proto), [0, 0, []])
        f[0] += 1
        f[1] += state == "SF"
        if service != "-" and service not in f[2]:
            f[2].append(service)
    used, seen_pairs, seen_zones = {}, set(), set()
    denied = denied_conn = allowed = 0
    unexpected = 0
    catalog_ports = {"modbus-tcp": {502}, "dnp3": {20000}, "enip": {44818, 2222}}
    for (src, dst, port, proto), (count, answered, services) in sorted(flows.items()):
        da = m.asset_of_ip.get(dst)
        for service in services:
            name = ZEEK_TO_CATALOG.get(service)
            if name in catalog_ports:
                modelled = {s["port"] for s in (m.assets[da].get("services", []) if da else []) if s["protocol"] == name}
                unexpected += port not in catalog_ports[name] | modelled
        if dst in group:
            continue
        named = [ZEEK_TO_CATALOG[s] for s in services if s in ZEEK_TO_CATALOG]
        protocol = named[0] if named else PORT_PROTOCOL.get(port, "%s-%d" % (proto, port))
        ok, via, sz, dz = m.judge(src, dst, port, proto, protocol)
        if sz == dz:
            seen_zones.add(sz)
        else:
            seen_pairs.add(frozenset((sz, dz)))
        if ok:
            allowed += 1
            if via:
                used[via] = used.get(via, 0) + count
        else:
            denied += 1
            denied_conn += count
    hosts = {ip for (src, dst, *_rest) in flows for ip in (src, dst)} - set(m.asset_of_ip) - group
    internal = sum(not m.external(m.zone_of(ip)) for ip in hosts)
    unused = [k for k in m.allow_rules() if used.get(k, 0) == 0]

    def seen(key):
        conduit, _ = m.rule(key)
        return frozenset(conduit["zones"]) in seen_pairs if conduit else key[0] in seen_zones

    return {"lines": lines, "connections": len(log.events) - ipv6 - icmp, "ipv6": ipv6, "other_transport": icmp,
            "flows": len(flows), "multicast_connections": multicast, "flows_allowed": allowed,
            "flows_denied": denied, "connections_denied": denied_conn, "unknown_hosts": internal,
            "external_hosts": len(hosts) - internal, "allow_rules": len(m.allow_rules()),
            "unused_rules": [list(k) for k in unused], "removed_rules": [list(k) for k in unused if seen(k)],
            "left_unused": sorted(list(k) for k in left_unused), "unexpected_ports": unexpected,
            "used_connections": {"%s/%d" % k: v for k, v in sorted(used.items())}}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("site")
    p.add_argument("out")
    p.add_argument("--seed", type=int, default=62443)
    p.add_argument("--connections", type=int, default=120000)
    p.add_argument("--json", action="store_true", help="write Zeek JSON lines instead of TSV")
    p.add_argument("--expected", help="write the expected counts here")
    a = p.parse_args()
    exp = generate(a.site, a.out, a.seed, a.connections, a.json)
    if a.expected:
        with open(a.expected, "w") as f:
            json.dump(exp, f, indent=1)
    print("%d lines, %d connections, %d flows" % (exp["lines"], exp["connections"], exp["flows"]), file=sys.stderr)


if __name__ == "__main__":
    main()
