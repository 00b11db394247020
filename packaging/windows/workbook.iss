; Inno Setup 6 script: a per-user Windows installer for the PyInstaller bundle.
; A RECIPE, NOT YET BUILT OR TESTED (this project builds and tests only the Linux .deb).
;
; On Windows, from the repository root:
;   py -m venv .venv && .venv\Scripts\pip install -e .[build]
;   .venv\Scripts\python -m PyInstaller --noconfirm --clean build.spec
;       -> dist\workbook\ with workbook.exe (console: the commands) and workbookw.exe (the window)
;   iscc /DAppVersion=0.1.0 packaging\windows\workbook.iss
;       -> dist\networking-workbook-0.1.0-setup.exe
;
; Installs for the current user only (no administrator rights) into
; %LOCALAPPDATA%\Programs\Networking Workbook, adds a Start menu entry (and a desktop icon if
; asked), and opens .workbook files with the app. Uninstalling removes the program, the
; entries and the association; the user's workbooks, backups and settings
; (%LOCALAPPDATA%\networking-workbook and wherever the workbooks were saved) are never touched.

#ifndef AppVersion
  #error Give the version (pyproject.toml's): iscc /DAppVersion=X.Y.Z packaging\windows\workbook.iss
#endif
#define AppName "100 People Networking Workbook"
#define AppExe "workbookw.exe"
#define ProgId "NetworkingWorkbook.Workbook"
; Paths are relative to this file.
#define Root "..\.."

[Setup]
; The AppId identifies the app across versions (upgrades, uninstall): never change it.
AppId={{5614D311-E465-494F-831B-3EE2192DC4D5}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=The 100 People Networking Workbook authors
VersionInfoVersion={#AppVersion}
; Per user: {autopf} is %LOCALAPPDATA%\Programs when the install runs without admin rights.
PrivilegesRequired=lowest
DefaultDirName={autopf}\Networking Workbook
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Tell Explorer to reload associations after install and uninstall.
ChangesAssociations=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SetupIconFile={#Root}\resources\icons\workbook.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir={#Root}\dist
OutputBaseFilename=networking-workbook-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder bundle. Everything installed here is removed on uninstall.
Source: "{#Root}\dist\workbook\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Networking as research, in five guided steps"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; The .workbook association, for this user only (HKCU\Software\Classes): a ProgID with its
; name, icon (the executable's, from build.spec) and open command, and the extension
; pointing at it. uninsdeletevalue/uninsdeletekey take exactly these entries away again.
Root: HKCU; Subkey: "Software\Classes\.workbook"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\.workbook\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "Networking workbook"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
; "Open with" lists the app for .workbook files.
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".workbook"; ValueData: ""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#StringChange(AppName, '&', '&&')}}"; Flags: nowait postinstall skipifsilent
