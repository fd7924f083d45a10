"""The OpenAPI document against the server (issue 2).

GET /api/v1/openapi.json must describe what the server does. A small
JSON-Schema validator (the subset the document uses: type, nullable, enum,
properties, required, additionalProperties, items, allOf/anyOf/oneOf, $ref
to components, format date/date-time/email, minimum/maximum, lengths,
pattern, minItems) checks every answer while every /api/v1 operation is
exercised: its success and each error status it documents (400, 401, 403,
404, 409, 413, 422). For each answer: its status must be documented for that
operation, its body must match the schema documented for that status, and
an object may carry no property the schema does not name (the document
must be complete, not just not wrong). Each request body sent on the way
to a success must match the documented request schema, and each query
parameter must be documented. At the end every status every operation
documents must have been seen, so the document promises nothing the
server never answers.
"""

import copy
import datetime
import json
import os
import re
import sys

try:
    import jsonschema
except ImportError:     # Debian's python3-jsonschema, another interpreter
    sys.path.append("/usr/lib/python3/dist-packages")
    import jsonschema

import lib
from lib import Client, Failure, check, expect, test

ADMIN = "admin@demo.bered.se"
K = "kansli@demo.bered.se"
STYRELSE = "styrelse@demo.bered.se"
NATIONELL = "nationell@demo.bered.se"
ESF_KANSLI = "esf-kansli@demo.bered.se"
LED_KALMAR = "ledamot.kalmar@demo.bered.se"
LED_REGION = "ledamot.region@demo.bered.se"
LED_FK = "ledamot.fk@demo.bered.se"
LED_OTHER = "ledamot.karlskrona@demo.bered.se"
MISSING = 987654321
YEAR = int(lib.today()[:4])
METHODS = ("get", "put", "post", "patch", "delete")


# ---------------------------------------------------------------- validator


def _is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def _is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": _is_int,
    "number": _is_number,
    "boolean": lambda v: isinstance(v, bool),
}

RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?"
                     r"(Z|[+-]\d{2}:\d{2})\Z")


def _format_ok(fmt, v):
    if fmt == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
            return False
        try:
            datetime.date.fromisoformat(v)
        except ValueError:
            return False
        return True
    if fmt == "date-time":
        return RFC3339.match(v) is not None
    if fmt == "email":
        return re.fullmatch(r"[^@\s]+@[^@\s]+", v) is not None
    return True


class Validator:
    """Validates values against the schemas of one OpenAPI 3.0 document.

    strict: an object whose schema lists properties may carry no other
    property (unless additionalProperties allows it)."""

    def __init__(self, doc):
        self.doc = doc
        self.observed = {}      # component name -> [objects, {key: n}]

    def resolve(self, schema):
        seen = 0
        while isinstance(schema, dict) and "$ref" in schema:
            ref = schema["$ref"]
            if not ref.startswith("#/"):
                raise Failure("openapi.json: $ref %r is not local" % ref)
            node = self.doc
            for part in ref[2:].split("/"):
                if not isinstance(node, dict) or part not in node:
                    raise Failure("openapi.json: $ref %r resolves to "
                                  "nothing" % ref)
                node = node[part]
            schema = node
            seen += 1
            if seen > 20:
                raise Failure("openapi.json: $ref loop at %r" % ref)
        return schema

    def known_properties(self, schema):
        """Property names schema (with its allOf parts) documents."""
        schema = self.resolve(schema)
        names = set(schema.get("properties", {}))
        for part in schema.get("allOf", []):
            names |= self.known_properties(part)
        return names

    def open_object(self, schema):
        """True if schema (or an allOf part) lists no properties at all or
        allows additional ones: then unknown keys are not an error."""
        schema = self.resolve(schema)
        parts = [schema] + [self.resolve(p) for p in schema.get("allOf", [])]
        if any(p.get("additionalProperties") not in (None, False)
               for p in parts):
            return True
        return not any("properties" in p for p in parts)

    def validate(self, schema, v, where="$", strict=True, known=None):
        """A list of messages, empty when v matches schema."""
        ref = schema.get("$ref", "") if isinstance(schema, dict) else ""
        if ref.startswith("#/components/schemas/") and isinstance(v, dict):
            seen = self.observed.setdefault(ref.rsplit("/", 1)[1], [0, {}])
            seen[0] += 1
            for key in v:
                seen[1][key] = seen[1].get(key, 0) + 1
        schema = self.resolve(schema)
        errs = []
        if v is None:
            if schema.get("nullable") is True:
                return errs
            if "allOf" in schema and all(
                    self.resolve(p).get("nullable") is True
                    for p in schema["allOf"]):
                return errs
            if "type" in schema or "properties" in schema or \
                    "allOf" in schema or "enum" in schema:
                return ["%s: null where the schema does not allow it"
                        % where]
        if "allOf" in schema:
            allk = self.known_properties(schema) | (known or set())
            for part in schema["allOf"]:
                errs += self.validate(part, v, where, strict, allk)
        for key in ("anyOf", "oneOf"):
            if key in schema:
                ok = [p for p in schema[key]
                      if not self.validate(p, v, where, strict, known)]
                if not ok or (key == "oneOf" and len(ok) > 1):
                    errs.append("%s: %d of the %s alternatives match"
                                % (where, len(ok), key))
        t = schema.get("type")
        if t is not None:
            if t not in TYPES:
                return errs + ["%s: unknown schema type %r" % (where, t)]
            if not TYPES[t](v):
                return errs + ["%s: %s where the schema says %s"
                               % (where, json.dumps(v)[:80], t)]
        if "enum" in schema and v not in schema["enum"]:
            errs.append("%s: %r is not one of %s" % (where, v,
                                                      schema["enum"]))
        if isinstance(v, str):
            errs += self._string(schema, v, where)
        if _is_number(v):
            errs += self._number(schema, v, where)
        if isinstance(v, list):
            if len(v) < schema.get("minItems", 0):
                errs.append("%s: %d items, fewer than minItems %d"
                            % (where, len(v), schema["minItems"]))
            if "items" in schema:
                for i, x in enumerate(v):
                    errs += self.validate(schema["items"], x,
                                          "%s[%d]" % (where, i), strict)
        if isinstance(v, dict):
            errs += self._object(schema, v, where, strict, known)
        return errs

    def _string(self, schema, v, where):
        errs = []
        if "format" in schema and not _format_ok(schema["format"], v):
            errs.append("%s: %r is not a %s" % (where, v, schema["format"]))
        if len(v) < schema.get("minLength", 0):
            errs.append("%s: shorter than minLength %d"
                        % (where, schema["minLength"]))
        if "maxLength" in schema and len(v) > schema["maxLength"]:
            errs.append("%s: longer than maxLength %d"
                        % (where, schema["maxLength"]))
        if "pattern" in schema and not re.search(schema["pattern"], v):
            errs.append("%s: %r does not match %s"
                        % (where, v, schema["pattern"]))
        return errs

    def _number(self, schema, v, where):
        errs = []
        if "minimum" in schema:
            low = schema["minimum"]
            if v < low or (schema.get("exclusiveMinimum") is True and
                           v == low):
                errs.append("%s: %r below the minimum %r" % (where, v, low))
        if "maximum" in schema:
            high = schema["maximum"]
            if v > high or (schema.get("exclusiveMaximum") is True and
                            v == high):
                errs.append("%s: %r above the maximum %r" % (where, v, high))
        if schema.get("format") == "int64" and not \
                -2 ** 63 <= v < 2 ** 63:
            errs.append("%s: %r is not an int64" % (where, v))
        return errs

    def _object(self, schema, v, where, strict, known):
        errs = []
        props = schema.get("properties", {})
        for name in schema.get("required", []):
            if name not in v:
                errs.append("%s: required property %r missing"
                            % (where, name))
        for name, x in v.items():
            if name in props:
                errs += self.validate(props[name], x,
                                      "%s.%s" % (where, name), strict)
                continue
            if known is not None and name in known:
                continue
            extra = schema.get("additionalProperties")
            if extra is False:
                errs.append("%s: property %r not allowed" % (where, name))
            elif isinstance(extra, dict):
                errs += self.validate(extra, x, "%s.%s" % (where, name),
                                      strict)
            elif strict and props:
                errs.append("%s: property %r is not documented"
                            % (where, name))
        return errs


# ------------------------------------------------- a standard validator


def json_schema_of(doc):
    """The document's components as standard JSON Schema (draft 4, which
    OpenAPI 3.0 extends): "nullable: true" becomes a "null" type, nothing
    else changes, so an enum that allows null must list it, as a strict
    validator reads it."""
    def conv(n):
        if isinstance(n, dict):
            n = {k: conv(v) for k, v in n.items()}
            if n.pop("nullable", False) is True and "type" in n:
                n["type"] = [n["type"], "null"]
            for k in ("example", "format", "discriminator", "readOnly",
                      "writeOnly", "xml", "externalDocs", "deprecated"):
                if k == "format" and n.get(k) in ("date", "date-time",
                                                  "email"):
                    continue
                n.pop(k, None) if not isinstance(n.get(k), dict) else None
            return n
        if isinstance(n, list):
            return [conv(x) for x in n]
        return n
    return {"components": conv(copy.deepcopy(doc.get("components", {})))}


class Standard:
    """Validates with the jsonschema package (Draft4Validator, formats
    checked), against the document's own schemas."""

    def __init__(self, doc):
        self.root = json_schema_of(doc)
        self.fmt = jsonschema.FormatChecker()

    def errors(self, schema, value):
        s = dict(self.root)
        s.update(copy.deepcopy(schema) if "$ref" not in schema else
                 {"$ref": schema["$ref"]})
        s = json_schema_of({"components": {"x": s}})["components"]["x"]
        s["components"] = self.root["components"]
        v = jsonschema.Draft4Validator(s, format_checker=self.fmt)
        return ["%s: %s" % ("/".join(str(x) for x in e.absolute_path) or
                            "$", e.message[:200])
                for e in v.iter_errors(value)]


# ---------------------------------------------------------------- the spec


class Spec:
    """The operations of the document and the checked calls made."""

    def __init__(self, doc):
        self.doc = doc
        self.v = Validator(doc)
        self.std = Standard(doc)
        self.ops = []           # (METHOD, template, regex, operation)
        for tpl, item in doc.get("paths", {}).items():
            rx = re.compile("^" + re.sub(r"\\\{[^}]*\\\}", "[^/]+",
                                         re.escape(tpl)) + "$")
            for m, op in item.items():
                if m in METHODS:
                    self.ops.append((m.upper(), tpl, rx, op, item))
        self.seen = {}          # (METHOD, template) -> {status}
        self.errors = []

    def find(self, method, path):
        for m, tpl, rx, op, item in self.ops:
            if m == method and rx.match(path):
                return tpl, op, item
        return None, None, None

    def documented(self, method, tpl):
        for m, t, _, op, _ in self.ops:
            if m == method and t == tpl:
                return set(op.get("responses", {}))
        return set()

    def call(self, c, method, path, body=None, raw=None, want=None,
             what="", sent_ok=None, headers=None, check_query=True):
        """Sends the request, checks the answer against the document and
        returns it. want (int or tuple): the status the test needs to go
        on (a Failure otherwise). sent_ok: validate the sent body against
        the request schema (default: when the answer is a success).
        headers: extra request headers (they replace the defaults)."""
        if headers is None:
            r = c.api(method, path, obj=body, raw=raw)
        else:
            h = {"Accept": "application/json"}
            if body is not None or raw is not None:
                h["Content-Type"] = "application/json"
            h.update(headers)
            h = {k: v for k, v in h.items() if v is not None}
            r = c.request(method, path, headers=h, body=raw if raw
                          is not None else None if body is None
                          else json.dumps(body))
        bare, _, query = path.partition("?")
        tpl, op, item = self.find(method, bare)
        label = "%s %s -> %d" % (method, lib.short(path), r.status)
        if what:
            label = what + ": " + label
        if op is None:
            self.errors.append("%s: no operation in openapi.json" % label)
        else:
            self.seen.setdefault((method, tpl), set()).add(r.status)
            self._answer(op, r, label)
            if check_query:
                self._query(op, item, query, label)
            if sent_ok is None:
                sent_ok = 200 <= r.status < 300
            if sent_ok and body is not None and raw is None:
                self._request(op, body, label)
        if want is not None:
            expect(r, want, what)
        return r

    def _answer(self, op, r, label):
        responses = op.get("responses", {})
        spec = responses.get(str(r.status)) or responses.get("default")
        if spec is None:
            self.errors.append("%s: status %d is not documented for this "
                               "operation (documented: %s): %s"
                               % (label, r.status,
                                  ", ".join(sorted(responses)),
                                  r.text[:200]))
            return
        spec = self.v.resolve(spec)
        content = spec.get("content")
        if not content:
            if r.body.strip():
                self.errors.append("%s: documented without a body, got %r"
                                   % (label, r.body[:100]))
            return
        ctype = (r.header("Content-Type") or "").split(";")[0].strip()
        if ctype not in content:
            self.errors.append("%s: Content-Type %r, documented %s"
                               % (label, ctype, list(content)))
            return
        schema = content[ctype].get("schema")
        if schema is None or not ctype.endswith("json"):
            return      # a CSV export: read back by its own test
        try:
            value = json.loads(r.body.decode("utf-8"))
        except ValueError:
            self.errors.append("%s: body is not JSON: %r"
                               % (label, r.body[:200]))
            return
        for e in self.v.validate(schema, value)[:8]:
            self.errors.append("%s: answer %s" % (label, e))
        for e in self.std.errors(schema, value)[:8]:
            self.errors.append("%s: answer (jsonschema) %s" % (label, e))
        self._error_shape(value, r.status, label)

    def _error_shape(self, value, status, label):
        """API.md: a 422 names the field; a refused move or rule (409,
        and 403 for R7) lists its failing rules, each ok false."""
        err = value.get("error") if isinstance(value, dict) else None
        if not isinstance(err, dict):
            return
        if status == 422 and not err.get("fields"):
            self.errors.append("%s: a 422 without fields naming the bad "
                               "field" % label)
        rules = err.get("rules") or []
        if err.get("code") in ("transition_refused", "rule_failed") and \
                not rules:
            self.errors.append("%s: %s without the failing rules"
                               % (label, err.get("code")))
        for x in rules:
            if isinstance(x, dict) and x.get("ok") is not False:
                self.errors.append("%s: error.rules lists a rule that "
                                   "holds: %r" % (label, x))

    def _query(self, op, item, query, label):
        if not query:
            return
        params = {p.get("name") for p in
                  [self.v.resolve(x) for x in
                   op.get("parameters", []) + item.get("parameters", [])]
                  if p.get("in") == "query"}
        for kv in query.split("&"):
            name = kv.split("=", 1)[0]
            if name not in params:
                self.errors.append("%s: query parameter %r is not "
                                   "documented" % (label, name))

    def _request(self, op, body, label):
        rb = op.get("requestBody")
        if rb is None:
            self.errors.append("%s: a body was accepted but no requestBody "
                               "is documented" % label)
            return
        rb = self.v.resolve(rb)
        schema = rb.get("content", {}).get("application/json", {}).get(
            "schema")
        if schema is None:
            self.errors.append("%s: requestBody has no application/json "
                               "schema" % label)
            return
        for e in self.v.validate(schema, body, "body")[:8]:
            self.errors.append("%s: the accepted request %s" % (label, e))
        for e in self.std.errors(schema, body)[:8]:
            self.errors.append("%s: the accepted request (jsonschema) %s"
                               % (label, e))

    def always_sent_not_required(self):
        """Properties every observed answer object of a component carried
        (at least 3 of them) that the component does not list as
        required: a client cannot know it may rely on them."""
        out = []
        for name, (n, keys) in sorted(self.v.observed.items()):
            if n < 3:
                continue
            schema = self.v.resolve({"$ref": "#/components/schemas/" +
                                     name})
            req = set(schema.get("required", []))
            for part in schema.get("allOf", []):
                req |= set(self.v.resolve(part).get("required", []))
            miss = sorted(k for k, c in keys.items()
                          if c == n and k not in req)
            if miss:
                out.append("%s (%d answers): %s" % (name, n,
                                                    ", ".join(miss)))
        return out

    def unseen(self):
        """Documented statuses no call produced, per operation."""
        out = []
        for m, tpl, _, op, _ in self.ops:
            miss = set(op.get("responses", {})) - {"default"} - \
                {str(s) for s in self.seen.get((m, tpl), set())}
            if miss:
                out.append("%s %s: %s" % (m, tpl, ", ".join(sorted(miss))))
        return out


def fill(tpl, **ids):
    """The template with each {name} replaced (default MISSING)."""
    return re.sub(r"\{([^}]*)\}",
                  lambda m: str(ids.get(m.group(1), MISSING)), tpl)


# ---------------------------------------------------------------- the run


@test
def validator_catches_mismatches(ctx):
    """The validator itself: each kind of mismatch is reported."""
    doc = {"components": {"schemas": {
        "A": {"type": "object", "required": ["id"], "properties": {
            "id": {"type": "integer"},
            "on": {"type": "string", "format": "date", "nullable": True},
            "k": {"type": "string", "enum": ["x", "y"]},
            "l": {"type": "array", "items": {"$ref": "#/components/"
                                                     "schemas/B"}},
            "m": {"type": "object", "additionalProperties":
                  {"type": "number"}}}},
        "B": {"type": "object", "properties": {"n": {"type": "boolean"}}},
        "C": {"allOf": [{"$ref": "#/components/schemas/A"},
                        {"type": "object", "properties": {
                            "extra": {"type": "integer"}}}]}}}}
    v = Validator(doc)
    a = {"$ref": "#/components/schemas/A"}
    good = {"id": 1, "on": None, "k": "x", "l": [{"n": True}],
            "m": {"a": 1.5}}
    check(v.validate(a, good) == [], "validator refuses a good value: %s"
          % v.validate(a, good))
    check(v.validate({"$ref": "#/components/schemas/C"},
                     dict(good, extra=3)) == [],
          "validator: allOf refuses a property of a sibling part")
    bad = [({"on": "2026-01-01"}, "required"),
           (dict(good, id="1"), "integer"), (dict(good, id=True), "integer"),
           (dict(good, on="2026-02-30"), "date"),
           (dict(good, k="z"), "one of"), (dict(good, l=[{"n": 1}]), "bool"),
           (dict(good, m={"a": "x"}), "number"),
           (dict(good, surprise=1), "not documented"),
           (dict(good, k=None), "null")]
    for value, word in bad:
        errs = v.validate(a, value)
        check(errs and word in " ".join(errs), "validator misses a bad "
              "value (%s): %r -> %r" % (word, value, errs))
    check(v.validate({"$ref": "#/components/schemas/C"},
                     dict(good, extra="3")),
          "validator: allOf part not applied")
    # The standard validator reads "nullable" as JSON Schema does: a
    # nullable enum allows null only when it lists it.
    en = {"components": {"schemas": {"E": {
        "type": "object", "properties": {"e": {
            "type": "string", "nullable": True, "enum": ["x"]}}}}}}
    ref = {"$ref": "#/components/schemas/E"}
    check(Standard(en).errors(ref, {"e": None}),
          "jsonschema: a nullable enum without null accepts null")
    en["components"]["schemas"]["E"]["properties"]["e"]["enum"].append(None)
    check(not Standard(en).errors(ref, {"e": None}),
          "jsonschema: a nullable enum listing null refuses null")
    check(Standard(en).errors(ref, {"e": "y"}),
          "jsonschema: a value outside the enum passes")


def _ids(ctx):
    return {"fk": ctx.pa["fk"], "kalmar": ctx.pa["0880"],
            "region": ctx.pa["08"], "af": ctx.pa["af"]}


def _every_operation_needs_a_token(ctx, sp):
    """401 without and with a bad token, for each operation that says so;
    the others answer without a token."""
    anon = Client(ctx.port)
    bad = Client(ctx.port, token="0" * 64)
    for m, tpl, _, op, _ in sp.ops:
        path = fill(tpl, id=1, party_id=1, year=YEAR)
        body = {} if "requestBody" in op else None
        if "401" in op.get("responses", {}):
            sp.call(anon, m, path, body, want=401, what="no token")
            sp.call(bad, m, path, body, want=401, what="bad token")
        else:
            sp.call(anon, m, path, body, want=200, what="public")
    anon.close()
    bad.close()


def _methods_match(ctx, sp):
    """For each path, a method the document does not list answers 405,
    and its Allow header names exactly the methods the document lists."""
    anon = Client(ctx.port, token="0" * 64)
    for tpl, item in sp.doc["paths"].items():
        doc_m = {m.upper() for m in item if m in METHODS}
        path = fill(tpl, id=1, party_id=1, year=YEAR)
        unused = [m for m in ("DELETE", "PATCH", "PUT") if m not in doc_m]
        r = anon.request(unused[0], path)
        if r.status != 405:
            sp.errors.append("%s %s: %d, want 405 (the document lists only "
                             "%s)" % (unused[0], path, r.status,
                                      sorted(doc_m)))
            continue
        allow = {x.strip() for x in (r.header("Allow") or "").split(",")
                 if x.strip()} - {"HEAD", "OPTIONS"}
        if allow != doc_m:
            sp.errors.append("%s: the server allows %s, the document lists "
                             "%s" % (tpl, sorted(allow), sorted(doc_m)))
    anon.close()


def _accounts(ctx, sp, t, got):
    """Users, one's own password and e-mail choice, the audit log
    (issue 9): every status."""
    admin, k = t[ADMIN], t[K]
    r = sp.call(admin, "GET", "/api/v1/users?limit=2", want=200)
    check(r.header("X-Total-Count") and "rel=\"next\"" in
          (r.header("Link") or ""), "users page 1: no X-Total-Count/Link")
    mine = sp.call(k, "GET", "/api/v1/users?limit=1000", want=200).json()
    check(mine and all(u["forbund_id"] == ctx.fa for u in mine),
          "the kansli's user list holds another förbund's users")
    sp.call(t[STYRELSE], "GET", "/api/v1/users", want=403)
    sp.call(admin, "GET", "/api/v1/users?limit=0", want=422)
    led = [u for u in mine if u["role"] == "ledamot"][0]
    kansli = [u for u in mine if u["role"] == "kansli"][0]
    other = sp.call(admin, "GET", "/api/v1/users?limit=1000", want=200)
    other = [u for u in other.json() if u["forbund_id"] == ctx.fb][0]
    upath = "/api/v1/users/%d"
    sp.call(k, "PATCH", upath % led["id"], {"name": led["name"]}, want=200)
    got["user"] = led["id"]
    sp.call(k, "PATCH", upath % kansli["id"], {"name": "x"}, want=403,
            what="the kansli changes a kansli")
    sp.call(k, "PATCH", upath % led["id"], {"role": "admin"}, want=403,
            what="the kansli makes someone admin")
    sp.call(k, "PATCH", upath % other["id"], {"name": "x"}, want=404,
            what="another förbund's user")
    sp.call(admin, "PATCH", upath % led["id"], {"role": "ledamot",
                                                "party_id": None},
            want=422, what="a ledamot without a party")
    email = "openapi-pw@e2e.bered.se"
    lib.run_cli(ctx.binary, ["user", "add", "--email", email, "--name",
                             "Lösen Ordsson", "--role", "nationell",
                             "--password", "blå-hus-vid-sjön-7", "--db",
                             ctx.db])
    c = ctx.api(email)
    sp.call(c, "POST", "/api/v1/me/password",
            {"current": "fel-lösenord-här", "new": "röda-båtar-i-hamn"},
            want=422, what="wrong current password")
    sp.call(c, "POST", "/api/v1/me/password",
            {"current": "blå-hus-vid-sjön-7", "new": "Sommar2026!!"},
            want=422, what="a common password")
    sp.call(c, "POST", "/api/v1/me/password",
            {"current": "blå-hus-vid-sjön-7", "new": "röda-båtar-i-hamn"},
            want=204)
    sp.call(c, "PUT", "/api/v1/me/notifications", {"mode": "dagligen"},
            want=200)
    sp.call(c, "PUT", "/api/v1/me/notifications", {"mode": "ibland"},
            want=422)
    c.close()
    a = sp.call(admin, "GET", "/api/v1/audit?limit=5", want=200)
    check(a.header("X-Total-Count"), "audit: no X-Total-Count")
    ka = sp.call(k, "GET", "/api/v1/audit?limit=1000&case_id=%d"
                 % got["case"], want=200).json()
    check(ka, "the kansli sees no audit rows of its own case")
    sp.call(k, "GET", "/api/v1/audit?forbund_id=%d" % ctx.fb, want=404,
            what="another förbund's log")
    sp.call(t[STYRELSE], "GET", "/api/v1/audit", want=403)
    sp.call(admin, "GET", "/api/v1/audit?from=ig%C3%A5r", want=422)
    r = sp.call(admin, "GET", "/api/v1/audit?format=csv&user_id=%d"
                % led["id"], want=200)
    check(r.body.startswith(b"\xef\xbb\xbf") and b"\r\n" in r.body,
          "audit CSV: no BOM or CRLF")


def _lists_and_exports(ctx, sp, t, got):
    """Lists page with limit/after (X-Total-Count, Link); ?format=csv and
    ?format=xlsx give the whole selection, read back by openpyxl."""
    try:
        import openpyxl
    except ImportError:     # Debian's python3-openpyxl, another interpreter
        sys.path.append("/usr/lib/python3/dist-packages")
        import openpyxl
    import io
    k = t[K]
    cpath = "/api/v1/cases/%d" % got["case"]
    sp.call(k, "PATCH", cpath, {"title": "=1+1 formel"}, want=200,
            what="a formula-looking title")
    first = sp.call(k, "GET", "/api/v1/cases?limit=3", want=200)
    total = int(first.header("X-Total-Count"))
    link = first.header("Link") or ""
    m = re.match(r"<([^>]+)>; rel=\"next\"", link)
    check(total > 3 and m, "page 1 of 3: total %d, Link %r" % (total, link))
    second = sp.call(k, "GET", m.group(1), want=200)
    a = [c["id"] for c in first.json()]
    b = [c["id"] for c in second.json()]
    check(len(b) == 3 and not set(a) & set(b), "page 2 overlaps page 1: "
          "%r %r" % (a, b))
    every = sp.call(k, "GET", "/api/v1/cases?limit=1000", want=200).json()
    check([c["id"] for c in every][:6] == a + b, "pages are not the list "
          "in its order")
    for bad in ("limit=0", "limit=1001", "after=99999999", "format=pdf"):
        sp.call(k, "GET", "/api/v1/cases?" + bad, want=422, what=bad)
    sp.call(k, "GET", "/api/v1/calls?after=99999999", want=422)
    sp.call(k, "GET", "/api/v1/forbund/%d/needs?limit=0" % ctx.fa,
            want=422)
    r = sp.call(k, "GET", "/api/v1/cases?format=csv", want=200)
    text = r.body.decode("utf-8-sig")
    rows = [ln for ln in text.split("\r\n") if ln]
    check(r.body.startswith(b"\xef\xbb\xbf") and len(rows) == total + 1
          and "\"'=1+1 formel\"" in text, "cases CSV: %d rows for %d "
          "cases, %r" % (len(rows), total, text[:300]))
    r = sp.call(k, "GET", "/api/v1/cases?format=xlsx", want=200)
    wb = openpyxl.load_workbook(io.BytesIO(r.body))
    ws = wb.active
    check(ws.freeze_panes == "A2", "header row not frozen: %r"
          % ws.freeze_panes)
    check(ws.max_row == total + 1, "xlsx: %d rows for %d cases"
          % (ws.max_row, total))
    titles = [ws.cell(row=i, column=2) for i in range(2, ws.max_row + 1)]
    f = [c for c in titles if c.value == "=1+1 formel"]
    check(f and f[0].data_type == "s", "the formula-looking title is not "
          "a string cell: %r" % [(c.value, c.data_type) for c in titles][:5])
    check(isinstance(ws.cell(row=2, column=1).value, int),
          "the case number is not a number")
    dated = [ws.cell(row=i, column=8).value for i in range(2, ws.max_row + 1)]
    check(any(hasattr(v, "year") for v in dated), "identified dates are "
          "not dates: %r" % dated[:3])
    r = sp.call(k, "GET", "/api/v1/calls?format=xlsx", want=200)
    ws = openpyxl.load_workbook(io.BytesIO(r.body)).active
    check(ws.cell(row=1, column=5).value == "Stänger" and
          hasattr(ws.cell(row=2, column=5).value, "year"),
          "calls xlsx: closing dates are not dates")
    r = sp.call(k, "GET", "/api/v1/calls?format=csv", want=200)
    check(r.body.startswith(b"\xef\xbb\xbf"), "calls CSV without BOM")
    r = sp.call(t[ADMIN], "GET", "/api/v1/audit?format=xlsx", want=200)
    check(openpyxl.load_workbook(io.BytesIO(r.body)).active.max_row > 1,
          "audit xlsx is empty")
    _followup_groups(sp, t)
    _calls_import(ctx, sp, t)


def _followup_groups(sp, t):
    """group_by rows add up to the whole; the file has them and a total."""
    try:
        import openpyxl
    except ImportError:
        sys.path.append("/usr/lib/python3/dist-packages")
        import openpyxl
    import io
    nat = t[NATIONELL]
    whole = sp.call(nat, "GET", "/api/v1/followup", want=200).json()
    for by in ("forbund", "lan", "year"):
        r = sp.call(nat, "GET", "/api/v1/followup?group_by=" + by,
                    want=200).json()
        for side, key in (("esf", "identified"), ("finsam", "identified"),
                          ("finsam", "granted_amount")):
            got = sum(row[side][key] for row in r["rows"])
            check(got == whole[side][key], "group_by=%s: the rows' %s.%s "
                  "add up to %d, the whole is %d"
                  % (by, side, key, got, whole[side][key]))
    sp.call(nat, "GET", "/api/v1/followup?group_by=kommun", want=422)
    r = sp.call(nat, "GET", "/api/v1/followup?group_by=lan&format=xlsx",
                want=200)
    ws = openpyxl.load_workbook(io.BytesIO(r.body)).active
    last = [c.value for c in ws[ws.max_row]]
    check(last[0] == "Totalt" and last[1] == whole["esf"]["identified"],
          "the follow-up file's total row: %r" % last)
    r = sp.call(t[STYRELSE], "GET", "/api/v1/followup?format=csv",
                want=200)
    row = r.body.decode("utf-8-sig").split("\r\n")[1].split(";")
    check(row[0] == '"Totalt"' and row[1] == '""', "R1: the styrelse's "
          "follow-up file holds ESF+ figures: %r" % row)


def _calls_import(ctx, sp, t):
    """The utlysningsplan: created, then updated by reference; every bad
    row named with its line, and nothing imported; 415, 403, 413."""
    k = t[K]
    csv_h = {"Content-Type": "text/csv; charset=utf-8"}
    good = ("\ufefftitle;reference;opens;closes;focus;esf_share\r\n"
            "\"Plan; första\";OA-2031/1;2031-01-10;2031-03-31;PO 1;46 %\r\n"
            "Plan andra;OA-2031/2;2031-02-01;2031-04-30;;40\r\n")
    before = int(sp.call(k, "GET", "/api/v1/calls", want=200)
                 .header("X-Total-Count"))
    r = sp.call(k, "POST", "/api/v1/calls/import", raw=good.encode(),
                headers=csv_h, want=200)
    check(r.json() == {"created": 2, "updated": 0}, "import: %r" % r.text)
    r = sp.call(k, "POST", "/api/v1/calls/import",
                raw=good.replace("PO 1", "PO 2").encode(), headers=csv_h,
                want=200)
    check(r.json() == {"created": 0, "updated": 2}, "re-import: %r"
          % r.text)
    bad = ("title,reference,opens,closes,focus,esf_share\n"
           "Ny plan,OA-2031/9,2031-05-01,2031-06-30,,30\n"
           "Fel datum,OA-2031/3,2031-02-30,2031-03-01,,10\n"
           ",OA-2031/4,2031-03-01,2031-01-01,,101\n")
    r = sp.call(k, "POST", "/api/v1/calls/import", raw=bad.encode(),
                headers=csv_h, want=422)
    got = sorted((f["line"], f["field"]) for f in r.json()["error"]["fields"])
    check(got == [(3, "opens"), (4, "closes"), (4, "esf_share"),
                  (4, "title")], "import refusals: %r" % got)
    after = int(sp.call(k, "GET", "/api/v1/calls", want=200)
                .header("X-Total-Count"))
    check(after == before + 2, "a refused file imported something: %d "
          "calls, expected %d" % (after, before + 2))
    sp.call(k, "POST", "/api/v1/calls/import", raw=b"x",
            headers={"Content-Type": "application/json"}, want=415)
    sp.call(t[LED_KALMAR], "POST", "/api/v1/calls/import",
            raw=good.encode(), headers=csv_h, want=403)
    sp.call(k, "POST", "/api/v1/calls/import", raw=b"x" * (300 * 1024),
            headers=csv_h, want=413)


def _organisation(ctx, sp, t):
    """Förbund, users, needs and calls: every status."""
    admin, k = t[ADMIN], t[K]
    sp.call(admin, "GET", "/api/v1/me", want=200)
    sp.call(k, "GET", "/api/v1/forbund", want=200)
    sp.call(k, "GET", "/api/v1/forbund/%d" % ctx.fa, want=200)
    sp.call(k, "GET", "/api/v1/forbund/%d" % ctx.fb, want=404,
            what="another förbund")
    body = {"name": "OpenAPI-förbundet", "kommuner": ["0980"],
            "regioner": []}
    f = sp.call(admin, "POST", "/api/v1/forbund", body, want=201).json()
    sp.call(admin, "POST", "/api/v1/forbund", body, want=409,
            what="same name again")
    sp.call(admin, "POST", "/api/v1/forbund",
            {"name": "Fel", "kommuner": ["0180"]}, want=422,
            what="no region without Gotland")
    sp.call(k, "POST", "/api/v1/forbund", body, want=403, what="kansli")
    user = {"email": "openapi@e2e.bered.se", "name": "OpenAPI Testsson",
            "role": "ledamot", "password": "ett-langt-losenord-2",
            "forbund_id": f["id"], "party_id": f["parties"][0]["id"]}
    sp.call(admin, "POST", "/api/v1/users", user, want=201)
    sp.call(admin, "POST", "/api/v1/users", user, want=409,
            what="same e-mail again")
    sp.call(admin, "POST", "/api/v1/users", dict(user, role="chef"),
            want=422, what="unknown role")
    sp.call(k, "POST", "/api/v1/users", user, want=403, what="kansli")
    npath = "/api/v1/forbund/%d/needs" % ctx.fa
    sp.call(k, "GET", npath, want=200)
    sp.call(t[LED_OTHER], "GET", npath, want=404, what="another förbund")
    need = sp.call(k, "POST", npath, {"malgrupp": "Unga vuxna",
                                      "behov": "Stöd till arbete",
                                      "utbud": "Få insatser"},
                   want=201).json()
    sp.call(t[NATIONELL], "POST", npath, {"malgrupp": "x", "behov": "y"},
            want=403, what="nationell")
    sp.call(t[LED_OTHER], "POST", npath, {"malgrupp": "x", "behov": "y"},
            want=404, what="another förbund")
    sp.call(k, "GET", "/api/v1/calls", want=200)
    sp.call(t[STYRELSE], "GET", "/api/v1/calls", want=404,
            what="styrelse (R1)")
    sp.call(k, "POST", "/api/v1/calls", {
        "title": "Utlysning från OpenAPI-testet", "reference": "2026/01",
        "opens": lib.today(), "closes": lib.today(30),
        "programomrade": "Programområde B", "esf_share_pct": 60}, want=201)
    sp.call(k, "POST", "/api/v1/calls", {
        "title": "Samma referens", "reference": "2026/01",
        "opens": lib.today(), "closes": lib.today(30)}, want=409,
        what="a reference already taken")
    sp.call(k, "POST", "/api/v1/calls", {
        "title": "Baklänges", "reference": "2026/02", "opens": lib.today(9),
        "closes": lib.today()}, want=422, what="closes before opens")
    sp.call(t[LED_KALMAR], "POST", "/api/v1/calls", {
        "title": "x", "reference": "2026/03", "opens": lib.today(),
        "closes": lib.today()},
        want=403, what="ledamot")
    return need


def _cases(ctx, sp, t, need):
    """Cases of both kinds: every status of every case operation."""
    k, ids = t[K], _ids(ctx)
    c = sp.call(k, "POST", "/api/v1/cases", {
        "forbund_id": ctx.fa, "kind": "esf", "title": "OpenAPI-idén",
        "description": "Ett ESF+-projekt från testet.",
        "finsam_malgrupp": True, "need_id": need["id"],
        "external_cofinancers": "", "identified_on": lib.today(),
        "parties": [ids["fk"], ids["kalmar"]]}, want=201).json()
    sp.call(k, "POST", "/api/v1/cases", {
        "forbund_id": ctx.fa, "kind": "esf", "title": "x",
        "need_id": MISSING}, want=422, what="unknown need")
    sp.call(t[NATIONELL], "POST", "/api/v1/cases", {
        "forbund_id": ctx.fa, "kind": "esf", "title": "x"}, want=403,
        what="nationell")
    sp.call(k, "GET", "/api/v1/cases", want=200)
    sp.call(k, "GET", "/api/v1/cases?forbund_id=%d&kind=esf&state="
            "identifierad" % ctx.fa, want=200)
    sp.call(k, "GET", "/api/v1/cases?forbund_id=%d" % ctx.fb, want=404,
            what="another förbund")
    sp.call(k, "GET", "/api/v1/cases?state=klar", want=422,
            what="unknown state")
    path = "/api/v1/cases/%d" % c["id"]
    sp.call(k, "GET", path, want=200)
    sp.call(t[LED_OTHER], "GET", path, want=404, what="another förbund")
    sp.call(t[STYRELSE], "GET", path, want=404, what="styrelse (R1)")
    sp.call(k, "GET", path + "/fk-eligibility", want=200)
    sp.call(t[LED_OTHER], "GET", path + "/fk-eligibility", want=404)
    c = sp.call(k, "PATCH", path, {"title": "OpenAPI-idén, ändrad",
                                   "call_id": None, "version": c["version"],
                                   "projektledare": "Anna Andersson"},
                want=200).json()
    sp.call(k, "PATCH", path, {"title": "x", "version": c["version"] - 1},
            want=409, what="stale version")
    sp.call(k, "PATCH", path, {"state": "beviljad"}, want=422,
            what="state through PATCH")
    sp.call(t[NATIONELL], "PATCH", path, {"title": "x"}, want=403,
            what="nationell")
    sp.call(t[LED_OTHER], "PATCH", path, {"title": "x"}, want=404,
            what="another förbund")
    ppath = path + "/parties/%d" % ids["kalmar"]
    sp.call(k, "PUT", ppath, {"deltar": True}, want=200)
    sp.call(t[LED_KALMAR], "PUT", ppath, {"medfinansiar": True,
                                          "medfinansiering": "200 000 kr"},
            want=200, what="the party's own co-financing (R7)")
    # A client may send back the row it read (read-only keys included).
    row = [x for x in c["parties"] if x["party_id"] == ids["fk"]][0]
    sp.call(t[LED_FK], "PUT", path + "/parties/%d" % ids["fk"],
            dict(row, medfinansiar=True, medfinansiering="Personal"),
            want=200, what="a row as read, changed")
    sp.call(k, "PUT", ppath, {"mandat": True}, want=403,
            what="kansli on a party's own field (R7)")
    sp.call(k, "PUT", path + "/parties/%d" % ids["fk"], {"utforare": True},
            want=409, what="FK as utförare (R5)")
    sp.call(k, "PUT", ppath, {"beslut": "kanske"}, want=422,
            what="unknown beslut")
    sp.call(k, "PUT", path + "/parties/%d" % ctx.pb["fk"],
            {"deltar": True}, want=404, what="a party of another förbund")
    sp.call(t[NATIONELL], "PUT", ppath, {"deltar": True}, want=403,
            what="nationell")
    tpath = path + "/transitions"
    sp.call(k, "POST", tpath, {"to": "utformning",
                               "comment": "Parterna utformar idén"},
            want=200)
    # Own fields are recorded from Utformning on, by the party itself.
    sp.call(t[LED_KALMAR], "PUT", ppath, {"forankrad": lib.today(),
                                          "mandat": True}, want=200,
            what="own ledamot (R7)")
    sp.call(k, "POST", tpath, {"to": "inskickad"}, want=409,
            what="a jump the state machine refuses")
    sp.call(k, "POST", tpath, {"to": "avbruten", "reason": "trott"},
            want=422, what="unknown reason")
    sp.call(t[NATIONELL], "POST", tpath, {"to": "overens"}, want=403,
            what="nationell")
    sp.call(t[LED_OTHER], "POST", tpath, {"to": "overens"}, want=404,
            what="another förbund")
    ended = sp.call(k, "POST", "/api/v1/cases", {
        "forbund_id": ctx.fa, "kind": "esf", "title": "Avbryts direkt"},
        want=201).json()
    sp.call(k, "POST", "/api/v1/cases/%d/transitions" % ended["id"], {
        "to": "avbruten", "reason": "annat", "reason_text": "Testet",
        "comment": "Ingen idé längre"}, want=200, what="avbruten with reason")
    sp.call(k, "GET", "/api/v1/cases/%d" % ended["id"], want=200)
    # Comments (issue 10): anyone who sees the case; never elsewhere.
    cpath = path + "/comments"
    sp.call(t[NATIONELL], "POST", cpath, {"text": "Fråga från nationell "
                                          "nivå"}, want=201, what="comment")
    sp.call(k, "POST", cpath, {"text": "   "}, want=422, what="empty")
    sp.call(k, "POST", cpath, {"text": "x" * 4001}, want=422,
            what="4001 characters")
    sp.call(k, "POST", cpath, {"text": 5}, want=422, what="not a string")
    sp.call(t[LED_OTHER], "POST", cpath, {"text": "Hej"}, want=404,
            what="another förbund's case")
    sp.call(k, "POST", "/api/v1/cases/999999/comments", {"text": "Hej"},
            want=404, what="no such case")
    _documents(ctx, sp, t, path, "/api/v1/cases/%d" % ended["id"])
    return c


def _multipart(fields, name, data):
    b = "----openapi-test"
    out = b"".join(("--%s\r\nContent-Disposition: form-data; name=\"%s\""
                    "\r\n\r\n%s\r\n" % (b, k, v)).encode()
                   for k, v in fields.items())
    if name is not None:
        out += ("--%s\r\nContent-Disposition: form-data; name=\"file\"; "
                "filename=\"%s\"\r\n\r\n" % (b, name)).encode() + data + \
            b"\r\n"
    return out + ("--%s--\r\n" % b).encode(), \
        {"Content-Type": "multipart/form-data; boundary=" + b}


def _documents(ctx, sp, t, path, closed):
    """Documents (issue 10): every status of the upload, the list and the
    download."""
    k = t[K]
    dpath = path + "/documents"

    def up(c, fields, name="a.txt", data=b"Anteckning\n", p=dpath, **kw):
        raw, h = _multipart(fields, name, data)
        return sp.call(c, "POST", p, raw=raw, headers=h, **kw)

    d = up(k, {"kind": "projektide"}, want=201, what="upload").json()
    sp.call(k, "GET", dpath, want=200, what="the documents")
    sp.call(k, "GET", "/api/v1/documents/%d" % d["id"], want=200,
            what="download")
    sp.call(t[LED_OTHER], "GET", "/api/v1/documents/%d" % d["id"],
            want=404, what="another förbund's document")
    sp.call(t[LED_OTHER], "GET", dpath, want=404, what="another förbund")
    up(t[NATIONELL], {"kind": "ovrigt"}, want=403, what="read only")
    up(k, {"kind": "medfinansieringsintyg",
           "party_id": _ids(ctx)["kalmar"]}, want=403, what="R7")
    up(k, {"kind": "okand"}, want=422, what="unknown kind")
    up(k, {"kind": "ovrigt"}, name="sida.pdf", data=b"<html><script>x"
       b"</script></html>", want=415, what="HTML named .pdf")
    up(k, {"kind": "ovrigt"}, name="stor.txt",
       data=b"x" * (20 * 1024 * 1024 + 1), want=413, what="20 MiB + 1")
    up(k, {"kind": "ovrigt"}, p=closed + "/documents", want=409,
       what="a closed case (G)")
    up(k, {"kind": "ovrigt"}, p="/api/v1/cases/999999/documents", want=404,
       what="no such case")
    sp.call(k, "POST", dpath, raw="{}", want=415, what="JSON, not multipart")
    sp.call(k, "GET", "/api/v1/search?q=Anteckning", want=200,
            what="search")
    sp.call(k, "GET", "/api/v1/search?q=%20", want=422, what="no word")


def _groups(ctx, sp, t, got):
    """The beredningsgrupp's meetings (issue 10): every status."""
    k = t[K]
    base = "/api/v1/forbund/%d/group-meetings" % ctx.fa
    g = sp.call(k, "POST", base, {"date": lib.today()}, want=201).json()
    got["group"] = g["id"]
    mp = "/api/v1/group-meetings/%d" % g["id"]
    sp.call(k, "GET", base, want=200)
    sp.call(k, "GET", mp, want=200)
    sp.call(k, "POST", mp + "/items", {"case_id": got["case"],
                                       "note": "Bereds"}, want=201)
    sp.call(k, "PATCH", mp, {"minutes": "Protokoll"}, want=200)
    sp.call(k, "POST", base, {"date": "igår"}, want=422)
    sp.call(k, "PATCH", mp, {"date": "igår"}, want=422)
    sp.call(k, "POST", mp + "/items", {"note": "x"}, want=422)
    sp.call(t[NATIONELL], "POST", base, {"date": lib.today()}, want=403)
    sp.call(t[NATIONELL], "PATCH", mp, {"minutes": "x"}, want=403)
    sp.call(t[NATIONELL], "POST", mp + "/items", {"case_id": got["case"]},
            want=403)
    sp.call(t[STYRELSE], "GET", mp, want=404, what="R1")
    sp.call(t[STYRELSE], "GET", base, want=404, what="R1")
    # Documents of meetings: every status.
    for dp, reader in ((mp + "/documents", t[NATIONELL]),
                       ("/api/v1/meetings/%d/documents" % got["meeting"],
                        t[STYRELSE])):
        raw, h = _multipart({"kind": "protokoll"}, "protokoll.txt",
                            b"Protokoll\n")
        sp.call(k, "POST", dp, raw=raw, headers=h, want=201, what=dp)
        sp.call(reader, "GET", dp, want=200, what=dp)
        sp.call(reader, "POST", dp, raw=raw, headers=h, want=403,
                what="read only " + dp)
        raw, h = _multipart({"kind": "medfinansieringsintyg"}, "i.txt",
                            b"Intyg\n")
        sp.call(k, "POST", dp, raw=raw, headers=h, want=422,
                what="an intyg on a meeting")
        raw, h = _multipart({"kind": "ovrigt"}, "s.pdf", b"<html></html>")
        sp.call(k, "POST", dp, raw=raw, headers=h, want=415, what="HTML")
        raw, h = _multipart({"kind": "ovrigt"}, "s.txt",
                            b"x" * (20 * 1024 * 1024 + 1))
        sp.call(k, "POST", dp, raw=raw, headers=h, want=413, what="big")
        sp.call(k, "POST", dp, raw="{}", want=415, what="JSON")
        sp.call(t[LED_OTHER], "GET", dp, want=404, what="another förbund")


def _finsam_case(ctx, sp, t, title):
    """A Finsam case in ansvarsfordelning (ready for the board)."""
    k, ids = t[K], _ids(ctx)
    f = sp.call(k, "POST", "/api/v1/cases", {
        "forbund_id": ctx.fa, "kind": "finsam", "title": title,
        "description": "Insats.", "finsam_malgrupp": True,
        "parties": [ids["kalmar"], ids["region"]]}, want=201).json()
    path = "/api/v1/cases/%d" % f["id"]
    sp.call(k, "POST", path + "/transitions", {"to": "utformning"},
            want=200)
    for key, email in (("kalmar", LED_KALMAR), ("region", LED_REGION)):
        sp.call(t[email], "PUT", path + "/parties/%d" % ids[key],
                {"forankrad": lib.today()}, want=200)
    sp.call(k, "POST", path + "/transitions", {"to": "ansvarsfordelning"},
            want=200)
    return f["id"]


def _board(ctx, sp, t, esf_case):
    """Meetings, agenda, decisions, budgets and participants."""
    k, ids = t[K], _ids(ctx)
    mpath = "/api/v1/forbund/%d/meetings" % ctx.fa
    sp.call(k, "GET", mpath, want=200)
    sp.call(t[LED_KALMAR], "GET", mpath, want=403, what="ledamot")
    sp.call(t[LED_OTHER], "GET", mpath, want=404, what="another förbund")
    m = sp.call(k, "POST", mpath, {"date": lib.today(),
                                   "present": "Ordförande, ledamöter",
                                   "notes": "OpenAPI-testets möte"},
                want=201).json()
    sp.call(k, "POST", mpath, {"date": "2026-13-01"}, want=422,
            what="bad date")
    sp.call(t[STYRELSE], "POST", mpath, {"date": lib.today()}, want=403,
            what="styrelse")
    sp.call(t[LED_OTHER], "POST", mpath, {"date": lib.today()}, want=404,
            what="another förbund")
    one = "/api/v1/meetings/%d" % m["id"]
    sp.call(t[STYRELSE], "GET", one, want=200)
    sp.call(t[LED_KALMAR], "GET", one, want=403, what="ledamot")
    sp.call(t[LED_OTHER], "GET", one, want=404, what="another förbund")
    f1 = _finsam_case(ctx, sp, t, "OpenAPI-insatsen ett")
    f2 = _finsam_case(ctx, sp, t, "OpenAPI-insatsen två")
    sp.call(k, "POST", one + "/agenda", {"case_id": f1}, want=201)
    sp.call(k, "POST", one + "/agenda", {"case_id": f2}, want=201)
    sp.call(k, "POST", one + "/agenda", {"case_id": esf_case}, want=409,
            what="an ESF+ case (R1)")
    sp.call(k, "POST", one + "/agenda", {"case_id": "ett"}, want=422,
            what="case_id not an integer")
    sp.call(t[STYRELSE], "POST", one + "/agenda", {"case_id": f1},
            want=403, what="styrelse")
    sp.call(t[LED_OTHER], "POST", one + "/agenda", {"case_id": f1},
            want=404, what="another förbund")
    # Struck before the meeting, and put back.
    sp.call(t[STYRELSE], "DELETE", "%s/agenda/%d" % (one, f2), want=403,
            what="styrelse strikes an item")
    sp.call(t[LED_OTHER], "DELETE", "%s/agenda/%d" % (one, f2), want=404,
            what="another förbund")
    sp.call(k, "DELETE", "%s/agenda/%d" % (one, f2), want=200,
            what="the kansli strikes an undecided item")
    sp.call(k, "DELETE", "%s/agenda/%d" % (one, f2), want=404,
            what="an item no longer on the agenda")
    sp.call(k, "POST", one + "/agenda", {"case_id": f2}, want=201)
    d = one + "/decisions"
    sp.call(k, "POST", d, {"case_id": f1, "outcome": "beviljad",
                           "amount": 150000, "confirm_over_frame": True,
                           "period_start": lib.today(10),
                           "period_end": lib.today(200),
                           "comment": "Beviljas"}, want=201)
    sp.call(k, "POST", d, {"case_id": f2, "outcome": "avslag",
                           "comment": "Avslås"}, want=201)
    sp.call(k, "POST", d, {"case_id": esf_case, "outcome": "avslag"},
            want=409, what="a case not on the agenda")
    sp.call(k, "DELETE", "%s/agenda/%d" % (one, f2), want=409,
            what="a decided item stays")
    sp.call(k, "POST", d, {"case_id": f1, "outcome": "kanske"}, want=422,
            what="unknown outcome")
    sp.call(t[STYRELSE], "POST", d, {"case_id": f1, "outcome": "avslag"},
            want=403, what="styrelse")
    sp.call(t[LED_OTHER], "POST", d, {"case_id": f1, "outcome": "avslag"},
            want=404, what="another förbund")
    sp.call(k, "GET", one, want=200)
    bpath = "/api/v1/forbund/%d/budgets/%d" % (ctx.fa, YEAR)
    b = sp.call(k, "GET", bpath, want=200).json()
    sp.call(k, "GET", "/api/v1/forbund/%d/budgets/%d" % (ctx.fa, 1990),
            want=404, what="a year without a budget")
    sp.call(t[ESF_KANSLI], "GET", bpath, want=403, what="esf-kansli")
    sp.call(t[LED_OTHER], "GET", bpath, want=404, what="another förbund")
    offers = [{"party_id": p["party_id"], "amount": p["offer"]} |
              ({"share": p["share"]} if p.get("share") is not None else {})
              for p in b["parties"]]
    sp.call(k, "PUT", bpath, {"offers": offers}, want=200,
            what="the same offers again")
    sp.call(k, "PUT", bpath, {"offers": [{"party_id": ids["fk"],
                                          "amount": "mycket"}]},
            want=422, what="amount not an integer")
    sp.call(t[LED_KALMAR], "PUT", bpath, {"offers": offers}, want=403,
            what="ledamot")
    sp.call(t[LED_OTHER], "PUT", bpath, {"offers": offers}, want=404,
            what="another förbund")
    ppath = "/api/v1/cases/%d/participants" % f1
    # Counts belong to the years of the granted period (today+10 ..
    # today+200), whatever day the suite runs.
    FIRST, LAST = int(lib.today(10)[:4]), int(lib.today(200)[:4])
    sp.call(k, "PUT", "%s/%d" % (ppath, FIRST), {
        "women": 7, "men": 5, "to_work": 3, "to_studies": 1,
        "job_seeking": 2, "other": 1}, want=200)
    sp.call(k, "PUT", "%s/%d" % (ppath, LAST), {"women": 2, "men": 1},
            want=200, what="counts left out are 0")
    sp.call(k, "PUT", "%s/%d" % (ppath, FIRST - 1), {"women": 2, "men": 1},
            want=422, what="a year before the granted period")
    sp.call(k, "PUT", "%s/%d" % (ppath, FIRST), {"women": 1, "men": 0,
                                               "namn": "Anna"},
            want=422, what="a name (R10)")
    sp.call(t[NATIONELL], "PUT", "%s/%d" % (ppath, FIRST), {"women": 1},
            want=403, what="nationell")
    sp.call(t[LED_OTHER], "PUT", "%s/%d" % (ppath, FIRST), {"women": 1},
            want=404, what="another förbund")
    sp.call(k, "PUT", "/api/v1/cases/%d/participants/%d"
            % (esf_case, YEAR), {"women": 1}, want=409, what="ESF+ case")
    sp.call(k, "GET", ppath, want=200)
    sp.call(t[LED_OTHER], "GET", ppath, want=404, what="another förbund")
    sp.call(k, "GET", "/api/v1/cases/%d/participants" % esf_case,
            want=409, what="ESF+ case")
    return {"meeting": m["id"], "finsam": f1}


def _followup(ctx, sp, t):
    k = t[K]
    sp.call(k, "GET", "/api/v1/followup", want=200)
    sp.call(t[NATIONELL], "GET", "/api/v1/followup?from=%d-01-01&to=%d-12-"
            "31&lan=08" % (YEAR, YEAR), want=200)
    sp.call(t[STYRELSE], "GET", "/api/v1/followup", want=200,
            what="styrelse (esf null)")
    sp.call(k, "GET", "/api/v1/followup?forbund_id=%d" % ctx.fb, want=404,
            what="another förbund")
    sp.call(t[ADMIN], "GET", "/api/v1/followup?forbund_id=%d" % MISSING,
            want=404, what="missing förbund")
    sp.call(k, "GET", "/api/v1/followup?from=igar", want=422,
            what="bad date")


def _sweeps(ctx, sp, t, got):
    """For each operation with a body: malformed JSON (400), a body that
    is not an object and an unknown key (422), a body over the 1 MiB limit
    (413); 404 for missing ids."""
    k, admin, ids = t[K], t[ADMIN], _ids(ctx)
    case = "/api/v1/cases/%d" % got["case"]
    targets = [
        (admin, "POST", "/api/v1/forbund"),
        (admin, "POST", "/api/v1/users"),
        (k, "POST", "/api/v1/forbund/%d/needs" % ctx.fa),
        (k, "POST", "/api/v1/calls"),
        (k, "POST", "/api/v1/cases"),
        (k, "PATCH", case),
        (k, "PUT", case + "/parties/%d" % ids["kalmar"]),
        (k, "POST", case + "/transitions"),
        (k, "POST", case + "/comments"),
        (k, "POST", "/api/v1/forbund/%d/meetings" % ctx.fa),
        (k, "POST", "/api/v1/meetings/%d/agenda" % got["meeting"]),
        (k, "POST", "/api/v1/meetings/%d/decisions" % got["meeting"]),
        (k, "PUT", "/api/v1/forbund/%d/budgets/%d" % (ctx.fa, YEAR)),
        (k, "PUT", "/api/v1/cases/%d/participants/%d" % (got["finsam"],
                                                         YEAR)),
        (k, "PATCH", "/api/v1/users/%d" % got["user"]),
        (k, "POST", "/api/v1/me/password"),
        (k, "PUT", "/api/v1/me/notifications"),
        (k, "POST", "/api/v1/forbund/%d/group-meetings" % ctx.fa),
        (k, "PATCH", "/api/v1/group-meetings/%d" % got["group"]),
        (k, "POST", "/api/v1/group-meetings/%d/items" % got["group"]),
    ]
    body_ops = {(m, tpl) for m, tpl, _, op, _ in sp.ops
                if "application/json" in
                op.get("requestBody", {}).get("content", {})}
    covered = {(m, sp.find(m, p)[0]) for _, m, p in targets}
    check(body_ops <= covered, "operations with a body the sweep misses: "
          "%s" % sorted(body_ops - covered))
    big = '{"title": "%s"}' % ("x" * (1 << 20))
    for c, m, p in targets:
        for ctype in ("text/plain", "application/x-www-form-urlencoded",
                      None):
            sp.call(c, m, p, {}, headers={"Content-Type": ctype},
                    want=415, what="a body sent as %r" % ctype)
        sp.call(c, m, p, raw=big, want=413, what="a body over 1 MiB")
        sp.call(c, m, p, raw='{"title": ', want=400, what="malformed JSON")
        sp.call(c, m, p, raw="[1, 2]", want=422, what="not an object")
        sp.call(c, m, p, {"okänt_fält": 1}, want=422, what="unknown key")
    # Every limit is answered by the server itself, for every operation.
    for m, tpl, _, op, _ in sp.ops:
        if not tpl.startswith("/api/"):
            continue
        path = fill(tpl, year=YEAR)
        body = {} if "requestBody" in op else None
        sp.call(k, m, path + "?pad=" + "x" * 5000, body, want=414,
                what="a query over 4 KiB", check_query=False)
        sp.call(k, m, path, body, headers={"X-Pad": "x" * 9000},
                want=431, what="headers over 8 KiB")
        sp.call(k, m, path + "?" + "&".join("p%d=1" % i for i in range(80)),
                body, want=400, what="80 query parameters",
                check_query=False)
    sp.call(k, "GET", "/api/v1/cases/%d/fk-eligibility" % got["finsam"],
            want=409, what="fk-eligibility of a Finsam insats")
    _unreachable_database(ctx, sp)
    for m, tpl, _, op, _ in sp.ops:
        if "404" not in op.get("responses", {}) or "{" not in tpl:
            continue
        body = {} if "requestBody" in op else None
        sp.call(k, m, fill(tpl, year=YEAR), body, want=404,
                what="missing id")


def _unreachable_database(ctx, sp):
    """A server whose database went away after it started (its path is
    now a directory): every operation that needs the database answers 503
    with Retry-After, before it asks for a token."""
    if lib.is_pg(ctx.db):
        # PostgreSQL: a database of its own, dropped under the server.
        import run
        base = ctx.db.rsplit("/", 1)[0]
        name = "bered_gone_%d" % os.getpid()
        s = lib.Server(ctx.binary, run.pg_database(base, name), ctx.workdir,
                       "gone-server").start()
        ctx.extra_servers.append(s)
        run.pg_database(base, name, drop=True)
    else:
        path = os.path.join(ctx.workdir, "gone.db")
        lib.copy_db(ctx.db, path)
        s = lib.Server(ctx.binary, path, ctx.workdir, "gone-server").start()
        ctx.extra_servers.append(s)
        for f in (path, path + "-wal", path + "-shm"):
            if os.path.exists(f):
                os.unlink(f)
        os.mkdir(path)
    c = Client(s.port)
    try:
        r = sp.call(c, "GET", "/healthz", None, want=503,
                    what="database unreachable")
        check(r.header("Retry-After") and r.json() == {
            "status": "unavailable", "database": "unreachable"},
              "/healthz without its database: %r" % r.text[:200])
        for m, tpl, _, op, _ in sp.ops:
            if not tpl.startswith("/api/") or "503" not in op["responses"]:
                continue
            body = {} if "requestBody" in op else None
            r = sp.call(c, m, fill(tpl, year=YEAR), body, want=503,
                        what="database unreachable")
            check(r.header("Retry-After"), "%s: 503 without Retry-After"
                  % r.where())
    finally:
        c.close()
        s.stop()


@test
def openapi_describes_every_answer(ctx):
    c = Client(ctx.port)
    r = expect(c.get("/api/v1/openapi.json"), 200, "the document")
    c.close()
    sp = Spec(r.json())
    check(sp.ops, "openapi.json has no operations")
    emails = (ADMIN, K, STYRELSE, NATIONELL, ESF_KANSLI, LED_KALMAR,
              LED_REGION, LED_FK, LED_OTHER)
    t = {e: ctx.api(e) for e in emails}
    try:
        sp.call(Client(ctx.port), "GET", "/healthz", want=200)
        sp.call(Client(ctx.port), "GET", "/api/v1/openapi.json", want=200)
        _every_operation_needs_a_token(ctx, sp)
        _methods_match(ctx, sp)
        need = _organisation(ctx, sp, t)
        case = _cases(ctx, sp, t, need)
        got = _board(ctx, sp, t, case["id"])
        got["case"] = case["id"]
        _followup(ctx, sp, t)
        _accounts(ctx, sp, t, got)
        _lists_and_exports(ctx, sp, t, got)
        _groups(ctx, sp, t, got)
        _sweeps(ctx, sp, t, got)
    finally:
        for x in t.values():
            x.close()
    unseen = sp.unseen()
    problems = sp.errors + ["documented but never answered: " + u
                            for u in unseen] + \
        ["always sent but not required: " + u
         for u in sp.always_sent_not_required()]
    check(not problems, "%d mismatches between openapi.json and the "
          "server:\n    %s" % (len(problems), "\n    ".join(problems[:60])))
