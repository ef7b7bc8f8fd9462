# Cuts a script of the prelude (lib/script/js/*.js) into the two ES modules ScriptPrelude loads, each
# with the script's own line numbers (see web.js and scriptprelude.cpp for why):
#   cmake -DSCRIPT=web.js -DBASE=web.mjs -DREST=web-rest.mjs -P split-prelude.cmake
# The script is one call. Its last argument, the rest of the file, is a function expression that starts a
# line with "function (" and runs to the end of the file, "});". The base module is the script with
# null for the rest; the rest module is the function as its default export, on the lines it had.
foreach(variable IN ITEMS SCRIPT BASE REST)
    if(NOT DEFINED ${variable})
        message(FATAL_ERROR "split-prelude.cmake needs -D${variable}=...")
    endif()
endforeach()

file(READ "${SCRIPT}" text)
string(FIND "${text}" "\nfunction (" newline)
if(newline EQUAL -1)
    message(FATAL_ERROR "${SCRIPT}: no line starts with \"function (\": where does the rest of the file start?")
endif()
math(EXPR start "${newline} + 1")
string(SUBSTRING "${text}" 0 ${start} head)
string(SUBSTRING "${text}" ${start} -1 rest)
string(FIND "${rest}" "\nfunction (" another)
if(NOT another EQUAL -1)
    message(FATAL_ERROR "${SCRIPT}: more than one line starts with \"function (\"")
endif()
if(NOT rest MATCHES "\n}\\);\n?$")
    message(FATAL_ERROR "${SCRIPT}: the file does not end with \"});\", the end of the call")
endif()

string(REGEX REPLACE "\\);\n?$" "\n" rest "${rest}")
string(REGEX REPLACE "[^\n]" "" blankLines "${head}")
file(WRITE "${BASE}" "${head}null);\n")
file(WRITE "${REST}" "${blankLines}export default ${rest}")
