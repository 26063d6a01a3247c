#!/usr/bin/env bash
# Proof that the authorization matrix bites: remove each object-level check in turn, in a throw-away clone,
# and run AuthorizationMatrixTest, which must then fail. Prints one line per rule. Usage: docs/security-mutation-run.sh
set -uo pipefail
top=$(git rev-parse --show-toplevel)
work=$(mktemp -d)
git clone -q "$top" "$work/p" && cd "$work/p" || exit 2
ACCESS=career-api/src/main/java/com/careerledger/api/security/Access.java
PROMO=career-api/src/main/java/com/careerledger/api/decisions/PromotionsController.java
SECURITY=career-api/src/main/java/com/careerledger/api/security/SecurityConfiguration.java
# rule name | file | python regex to neutralise the check | replacement
mutations=(
  "requireVisible (read a person's data)|$ACCESS|(public void requireVisible\(UUID personId\) \{)|\1 if (true) return;"
  "requireOwnWork (goals, evidence, progress)|$ACCESS|(public void requireOwnWork\(UUID personId\) \{)|\1 if (true) return;"
  "feedbackRelationship (the caller's relationship, not the body's)|$ACCESS|(public FeedbackRelationship feedbackRelationship\(UUID personId, FeedbackRelationship stated\) \{)|\1 if (true) return stated == null ? FeedbackRelationship.SELF : stated;"
  "requireAssessor (managers assess)|$ACCESS|(public void requireAssessor\(UUID personId\) \{)|\1 if (true) return;"
  "the committee does not assess or reopen|$ACCESS|(public void requireAssessor\(UUID personId\) \{\s+CareerPrincipal p = principal\(\);\s+if \(p.isAdmin\(\))|\1 || p.has(Role.COMMITTEE)"
  "decisions listed per visible person|$PROMO|if \(visible.isPresent\(\)\) \{|if (false) {"
  "one decision visible only with its person|$PROMO|if \(!access.canSee\(decision.personId\(\)\)\) \{|if (false) {"
  "statistics for the committee and admins|$SECURITY|\.requestMatchers\(HttpMethod.GET, \"/api/stats\"\).hasAnyRole\(\"ADMIN\", \"COMMITTEE\"\)|"
)
for m in "${mutations[@]}"; do
  IFS='|' read -r name file pattern replacement <<<"$m"
  git checkout -q -- .
  python3 - "$file" "$pattern" "$replacement" <<'PY'
import re, sys
path, pattern, replacement = sys.argv[1:4]
s = open(path).read()
t, n = re.subn(pattern, replacement, s, count=1)
assert n == 1, "mutation did not apply: " + pattern
open(path, "w").write(t)
PY
  if ./mvnw -q -B -o test -pl career-api -am -Dtest=AuthorizationMatrixTest -Dsurefire.failIfNoSpecifiedTests=false >"$work/run.log" 2>&1; then
    echo "SURVIVED  $name: the matrix still passed without this check"
  else
    failures=$(grep -h -o "Tests run: [0-9]*, Failures: [0-9]*" career-api/target/surefire-reports/*AuthorizationMatrixTest.txt | head -1)
    echo "KILLED    $name ($failures)"
  fi
done
rm -rf "$work"
