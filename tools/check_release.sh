#!/usr/bin/env bash
# Checks what a release would publish, without publishing anything: builds with the release profile (tests skipped,
# signing skipped unless -Dgpg.skip=false is passed on) and deploys into a folder, target/release-check, in place of
# Maven Central. Then each product module must be there with its pom, jar, sources jar and javadoc jar; each jar and
# sources jar must carry the project's LICENSE and NOTICE in META-INF and the module's Automatic-Module-Name; the
# parent pom must be there with the licence, scm and developers that Central asks for; the benchmarks must not be
# there at all. Maven runs online: the deploy plugin refuses offline mode even for a folder, and a fresh machine has
# to fetch the release plugins once. Extra arguments go to mvn, e.g. -Dgpg.skip=false to sign as well (and then each
# file must have its signature).
# Prints one line per module and ends with "check_release: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

products=(conv4j-core conv4j-vision conv4j-onnx conv4j-web conv4j-cli)
declare -A module_name=(
    [conv4j-core]=io.github.conv4j
    [conv4j-vision]=io.github.conv4j.vision
    [conv4j-onnx]=io.github.conv4j.onnx
    [conv4j-web]=io.github.conv4j.web
    [conv4j-cli]=io.github.conv4j.cli
)
staging="$PWD/target/release-check"
signed=false
for argument in "$@"; do
    if [[ $argument == -Dgpg.skip=false ]]; then signed=true; fi
done
group_dir="$staging/io/github/conv4j"

for file in LICENSE NOTICE; do
    if [[ ! -f $file ]]; then echo "check_release: ./$file is missing: every jar carries it" >&2; exit 1; fi
done
rm -rf "$staging"
# the install plugin is skipped: the check leaves ~/.m2 as it was
mvn -B -q -P release -DskipTests -Dmaven.install.skip=true \
    -DaltDeploymentRepository="release-check::file://$staging" "$@" deploy

passed=0
failed=0
problems=()
problem() { problems+=("$1"); }

# the one file in $1 whose name matches the glob $2 (snapshots carry a timestamp in their names), else empty
only_file() {
    local matches=()
    shopt -s nullglob
    # shellcheck disable=SC2206
    matches=($1/$2)
    shopt -u nullglob
    if (( ${#matches[@]} == 1 )); then echo "${matches[0]}"; fi
}

# the jar $1 holds META-INF/LICENSE and META-INF/NOTICE, the same as the checkout's
check_legal_files() {
    local jar=$1 file
    for file in LICENSE NOTICE; do
        if ! unzip -p "$jar" "META-INF/$file" 2>/dev/null | cmp -s - "$file"; then
            problem "$(basename "$jar") has no META-INF/$file, or one that differs from ./$file"
        fi
    done
}

manifest_value() { # jar, attribute
    unzip -p "$1" META-INF/MANIFEST.MF | tr -d '\r' | sed -n "s/^$2: //p"
}

for module in "${products[@]}"; do
    problems=()
    dir=$(only_file "$group_dir/$module" '*/')
    if [[ -z $dir ]]; then
        problem "not deployed: no single version folder under target/release-check/io/github/conv4j/$module"
    else
        pom=$(only_file "$dir" "$module-*.pom")
        jar=$(only_file "$dir" "$module-*[0-9].jar")
        sources=$(only_file "$dir" "$module-*-sources.jar")
        javadoc=$(only_file "$dir" "$module-*-javadoc.jar")
        [[ -n $pom ]] || problem "no pom"
        [[ -n $jar ]] || problem "no jar"
        [[ -n $sources ]] || problem "no sources jar"
        [[ -n $javadoc ]] || problem "no javadoc jar"
        if $signed; then
            for file in "$pom" "$jar" "$sources" "$javadoc"; do
                [[ -z $file || -f $file.asc ]] || problem "$(basename "$file") is not signed"
            done
        fi
        if [[ -n $pom ]]; then
            grep -q '<name>' "$pom" || problem "its pom has no <name>"
            grep -q '<description>' "$pom" || problem "its pom has no <description>"
        fi
        if [[ -n $jar ]]; then
            check_legal_files "$jar"
            name=$(manifest_value "$jar" Automatic-Module-Name)
            [[ $name == "${module_name[$module]}" ]] \
                || problem "Automatic-Module-Name is '$name', expected '${module_name[$module]}'"
            if grep -q '^picocli/' <<<"$(unzip -Z1 "$jar")"; then problem "the deployed jar is the shaded one"; fi
        fi
        [[ -z $sources ]] || check_legal_files "$sources"
        if [[ -n $javadoc ]] && ! grep -qx 'index.html' <<<"$(unzip -Z1 "$javadoc")"; then
            problem "the javadoc jar has no index.html"
        fi
    fi
    if [[ $module == conv4j-cli ]]; then
        # the command's own jar, built next to the deployed one and never deployed itself: the project's LICENSE,
        # and a NOTICE that is the project's followed by those of the libraries it bundles
        shaded=conv4j-cli/target/conv4j.jar
        if ! unzip -p "$shaded" META-INF/LICENSE | cmp -s - LICENSE; then
            problem "conv4j.jar's META-INF/LICENSE is not ./LICENSE"
        fi
        if [[ -n $(grep -vxFf <(unzip -p "$shaded" META-INF/NOTICE) NOTICE) ]]; then
            problem "conv4j.jar's META-INF/NOTICE lacks lines of ./NOTICE"
        fi
        [[ $(manifest_value "$shaded" Main-Class) == conv4j.cli.Main ]] || problem "conv4j.jar has no Main-Class"
        [[ $(manifest_value "$shaded" Automatic-Module-Name) == "${module_name[$module]}" ]] \
            || problem "conv4j.jar's Automatic-Module-Name is not ${module_name[$module]}"
    fi
    if (( ${#problems[@]} )); then
        failed=$((failed + 1))
        echo "$module: FAILED: $(IFS=';'; echo "${problems[*]}" | sed 's/;/; /g')"
    else
        passed=$((passed + 1))
        echo "$module: pom, jar, sources, javadoc$($signed && echo ', each signed'); LICENSE, NOTICE;" \
            "Automatic-Module-Name ${module_name[$module]}"
    fi
done

problems=()
parent_pom=$(only_file "$(only_file "$group_dir/conv4j-parent" '*/')" 'conv4j-parent-*.pom')
if [[ -z $parent_pom ]]; then
    problem "conv4j-parent's pom is not deployed (every module's pom names it as parent)"
else
    for element in '<licenses>' '<url>https://github.com/conv4j/conv4j</url>' '<scm' '<developers>' \
            '<issueManagement>' '<inceptionYear>'; do
        grep -qF "$element" "$parent_pom" || problem "conv4j-parent's pom has no $element"
    done
fi
if [[ -e $group_dir/conv4j-bench ]]; then problem "conv4j-bench is deployed"; fi
if (( ${#problems[@]} )); then
    failed=$((failed + 1))
    echo "parent and bench: FAILED: $(IFS=';'; echo "${problems[*]}" | sed 's/;/; /g')"
else
    passed=$((passed + 1))
    echo "parent and bench: conv4j-parent's pom deployed with licence, scm and developers; conv4j-bench not deployed"
fi

echo "check_release: $passed passed, $failed failed"
(( failed == 0 ))
