# Windows: the executable's icon and version resource, the Qt runtime next to it (windeployqt), the
# MSVC runtime, and an .msi (WiX 3) plus a portable .zip.

# Icon and version information of authdesk.exe (Explorer, the taskbar, "Apps & features").
string(REPLACE "." "," AUTHDESK_RC_VERSION "${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR}.${PROJECT_VERSION_PATCH}.0")
set(AUTHDESK_RC_ICON ${AUTHDESK_ICON_DIR}/${AUTHDESK_APP_ID}.ico)
configure_file(${CMAKE_CURRENT_SOURCE_DIR}/windows/authdesk.rc.in ${CMAKE_CURRENT_BINARY_DIR}/windows/authdesk.rc @ONLY)
target_sources(authdesk PRIVATE ${CMAKE_CURRENT_BINARY_DIR}/windows/authdesk.rc)

# Qt's DLLs and plugins (platforms, styles, TLS backends, image formats) next to the executable,
# then every other DLL it needs that is not part of Windows (QtKeychain, yaml-cpp when built
# shared), found in the prefixes the build used.
# Look in Qt's own bin folder first, as Qt's deploy support does, never at a random windeployqt.
find_program(AUTHDESK_WINDEPLOYQT windeployqt HINTS "${QT6_INSTALL_PREFIX}/${QT6_INSTALL_BINS}" REQUIRED)
set(AUTHDESK_DEPLOY_DIRECTORIES)
foreach(prefix IN LISTS CMAKE_PREFIX_PATH)
    list(APPEND AUTHDESK_DEPLOY_DIRECTORIES "${prefix}/bin")
endforeach()
get_filename_component(windeployqt_dir "${AUTHDESK_WINDEPLOYQT}" DIRECTORY)
list(APPEND AUTHDESK_DEPLOY_DIRECTORIES "${windeployqt_dir}")
configure_file(${CMAKE_CURRENT_SOURCE_DIR}/windows/deploy.cmake.in ${CMAKE_CURRENT_BINARY_DIR}/windows/deploy.cmake @ONLY)
install(SCRIPT ${CMAKE_CURRENT_BINARY_DIR}/windows/deploy.cmake)

# vcruntime140.dll and friends, so that no separate Visual C++ redistributable is needed.
set(CMAKE_INSTALL_SYSTEM_RUNTIME_DESTINATION ${CMAKE_INSTALL_BINDIR})
include(InstallRequiredSystemLibraries)

set(CPACK_GENERATOR WIX ZIP)
# Fixed once, never changed: it is how a newer .msi finds and replaces an installed older one.
set(CPACK_WIX_UPGRADE_GUID "D26F4619-9A00-4F48-9087-E219124103E9")
set(CPACK_WIX_PRODUCT_ICON ${AUTHDESK_ICON_DIR}/${AUTHDESK_APP_ID}.ico)
set(CPACK_WIX_PROGRAM_MENU_FOLDER Authdesk)
set(CPACK_WIX_PROPERTY_ARPURLINFOABOUT ${AUTHDESK_HOMEPAGE})
set(CPACK_WIX_PROPERTY_ARPHELPLINK ${AUTHDESK_HOMEPAGE})
# A Start menu entry for the window; bin\ goes on the PATH for the command line (authdesk token ...).
set(CPACK_PACKAGE_EXECUTABLES authdesk Authdesk)
set(CPACK_WIX_PATCH_FILE ${CMAKE_CURRENT_SOURCE_DIR}/windows/wix-path.xml)
set(CPACK_PACKAGE_FILE_NAME "Authdesk-${PROJECT_VERSION}-windows-x64")
