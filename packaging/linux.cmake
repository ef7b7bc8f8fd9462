# Linux: desktop integration, documentation, the refresher's user unit; .deb and .rpm packages.
# Paths are relative to the install prefix; the packages install to /usr.
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)

set(linux_dir ${CMAKE_CURRENT_SOURCE_DIR}/linux)
set(generated_dir ${CMAKE_CURRENT_BINARY_DIR}/linux)

# Desktop entry and AppStream metadata (software centres read the release from the project version).
install(FILES ${linux_dir}/${AUTHDESK_APP_ID}.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
configure_file(${linux_dir}/${AUTHDESK_APP_ID}.metainfo.xml.in ${generated_dir}/${AUTHDESK_APP_ID}.metainfo.xml @ONLY)
install(FILES ${generated_dir}/${AUTHDESK_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)

# Icons in the hicolor theme: the SVG as it is, and the PNG sizes rendered from it (resources/).
install(FILES ${AUTHDESK_ICON_SVG} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
foreach(size IN LISTS AUTHDESK_ICON_SIZES)
    install(FILES ${AUTHDESK_ICON_DIR}/hicolor/${size}x${size}/apps/${AUTHDESK_APP_ID}.png
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
endforeach()

# The refresher (`authdesk daemon`). The systemd user unit goes where systemd looks for units that
# packages ship ($prefix/lib/systemd/user, not the multiarch libdir); it does nothing until the user
# enables it. The XDG autostart entry is NOT installed to /etc/xdg/autostart: there it would start
# a background refresher in every desktop session of every user, whether or not they use Authdesk,
# and would race an enabled systemd unit. It is shipped as a template that a user turns on by
# copying it to ~/.config/autostart (the README and the man page say so).
set(AUTHDESK_SYSTEMD_USER_UNIT_DIR lib/systemd/user)
install(FILES ${linux_dir}/authdesk-daemon.service DESTINATION ${AUTHDESK_SYSTEMD_USER_UNIT_DIR})
install(FILES ${linux_dir}/${AUTHDESK_APP_ID}.Daemon.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/authdesk/autostart)

# Man page, written by hand (packaging/linux/authdesk.1.in), compressed as Debian policy asks.
# It names the paths as the packages install them.
set(AUTHDESK_MAN_DATADIR ${CPACK_PACKAGING_INSTALL_PREFIX}/${CMAKE_INSTALL_DATADIR})
set(AUTHDESK_MAN_SYSTEMD_USER_DIR ${CPACK_PACKAGING_INSTALL_PREFIX}/${AUTHDESK_SYSTEMD_USER_UNIT_DIR})
configure_file(${linux_dir}/authdesk.1.in ${generated_dir}/authdesk.1 @ONLY)
# Debian's changelog, one entry for the release (lintian: a package without one is an error).
string(TIMESTAMP AUTHDESK_RELEASE_DATE_RFC2822 "%a, %d %b %Y %H:%M:%S +0000" UTC)
set(AUTHDESK_MAINTAINER ${AUTHDESK_CONTACT})
configure_file(${linux_dir}/changelog.in ${generated_dir}/changelog @ONLY)
find_program(AUTHDESK_GZIP gzip REQUIRED)
foreach(document authdesk.1 changelog)
    add_custom_command(OUTPUT ${generated_dir}/${document}.gz
        COMMAND ${AUTHDESK_GZIP} -9 -n -k -f ${generated_dir}/${document}
        DEPENDS ${generated_dir}/${document}
        COMMENT "Compressing ${document}"
        VERBATIM)
endforeach()
add_custom_target(authdesk-linux-docs ALL DEPENDS ${generated_dir}/authdesk.1.gz ${generated_dir}/changelog.gz)
add_dependencies(authdesk authdesk-linux-docs)
install(FILES ${generated_dir}/authdesk.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${generated_dir}/changelog.gz DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${AUTHDESK_PACKAGE_NAME})

# Licence: Debian's place and machine-readable format (DEP-5) for it, with the MIT text of LICENSE.
file(READ ${PROJECT_SOURCE_DIR}/LICENSE licence_text)
string(REGEX REPLACE "\n+$" "" licence_text "${licence_text}")
string(REGEX REPLACE "^MIT License\n\n" "" licence_text "${licence_text}")
string(REGEX MATCH "^Copyright \\(c\\) ([^\n]*)" copyright_line "${licence_text}")
set(copyright_holder "${CMAKE_MATCH_1}")
string(REGEX REPLACE "^Copyright \\(c\\) ([^\n]*)\n\n" "" licence_body "${licence_text}")
string(REGEX REPLACE "\n\n" "\n.\n" licence_body "${licence_body}")
string(REGEX REPLACE "\n" "\n " licence_body "${licence_body}")
file(WRITE ${generated_dir}/copyright
    "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
    "Upstream-Name: Authdesk\n"
    "Source: ${AUTHDESK_HOMEPAGE}\n\n"
    "Files: *\n"
    "Copyright: ${copyright_holder}\n"
    "License: MIT\n"
    " ${licence_body}\n")
install(FILES ${generated_dir}/copyright DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${AUTHDESK_PACKAGE_NAME})

# Packages. `cpack -G DEB` / `cpack -G RPM` pick one; plain `cpack` builds what this machine can.
set(CPACK_GENERATOR DEB)
find_program(AUTHDESK_RPMBUILD rpmbuild)
if(AUTHDESK_RPMBUILD)
    list(APPEND CPACK_GENERATOR RPM)
endif()

# DEB: dpkg-shlibdeps derives the library dependencies (Qt 6, yaml-cpp, QtKeychain, libc) from
# the binary; what it cannot see is listed here. The xcb/wayland platform plugins are loaded at run
# time, and the keychain needs a Secret Service provider running in the session.
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "gnome-keyring | libkf5wallet-bin | keepassxc, xdg-utils, qt6-wayland")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "libsecret-tools")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)

# RPM: rpmbuild's automatic requirements cover the libraries, including the Qt platform plugins
# (qt6-qtbase-gui). Directories that the filesystem and desktop packages own are not claimed.
set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
set(CPACK_RPM_PACKAGE_LICENSE MIT)
set(CPACK_RPM_PACKAGE_GROUP "Applications/Internet")
set(CPACK_RPM_PACKAGE_URL ${AUTHDESK_HOMEPAGE})
set(CPACK_RPM_PACKAGE_SUGGESTS "gnome-keyring")
file(READ ${CMAKE_CURRENT_SOURCE_DIR}/description.txt CPACK_RPM_PACKAGE_DESCRIPTION)
set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
    /usr/lib/systemd /usr/lib/systemd/user
    /usr/share/applications /usr/share/metainfo /usr/share/man /usr/share/man/man1
    /usr/share/icons /usr/share/icons/hicolor /usr/share/icons/hicolor/scalable
    /usr/share/icons/hicolor/scalable/apps /usr/share/doc)
foreach(size IN LISTS AUTHDESK_ICON_SIZES)
    list(APPEND CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
        /usr/share/icons/hicolor/${size}x${size} /usr/share/icons/hicolor/${size}x${size}/apps)
endforeach()
